import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { AuditLogRecord } from './audit-log.model.js';

@ObjectType('AuditLog')
export class AuditLogType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'e.g. auth.login_failed, user.role_changed, lead.updated' })
  action!: string;

  @Field(() => String, { nullable: true })
  entityType!: string | null;

  @Field(() => ID, { nullable: true })
  entityId!: string | null;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true })
  actorApiKeyId!: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'What changed: field → { from, to }, or event details.',
  })
  changes!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field()
  createdAt!: Date;

  static from(log: AuditLogRecord): AuditLogType {
    return Object.assign(new AuditLogType(), {
      id: log.id,
      action: log.action,
      entityType: log.entityType,
      entityId: log.entityId,
      actorUserId: log.actorUserId,
      actorApiKeyId: log.actorApiKeyId,
      changes: log.changes,
      requestId: log.requestId,
      ip: log.ip,
      createdAt: log.createdAt,
    });
  }
}

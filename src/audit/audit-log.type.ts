import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActorKind } from '../common/events/actor.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { AuditLogRecord } from './audit-log.model.js';

registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'Who acted: a user, an API key, background work, or nobody signed in yet.',
});

@ObjectType('AuditLog')
export class AuditLogType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'e.g. auth.login_failed, user.role_changed, lead.updated' })
  @MaxChars(100)
  action!: string;

  @Field(() => String, { nullable: true })
  @MaxChars(100)
  entityType!: string | null;

  @Field(() => ID, { nullable: true })
  entityId!: string | null;

  @Field(() => ActorKind)
  actorKind!: ActorKind;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true })
  actorApiKeyId!: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'What changed: field → { from, to }, or event details.',
  })
  @MaxChars(30_000)
  changes!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @MaxChars(128)
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(64)
  ip!: string | null;

  @Field()
  createdAt!: Date;

  static from(log: AuditLogRecord): AuditLogType {
    return Object.assign(new AuditLogType(), {
      id: log.id,
      action: log.action,
      entityType: log.entityType,
      entityId: log.entityId,
      actorKind: log.actorKind,
      actorUserId: log.actorUserId,
      actorApiKeyId: log.actorApiKeyId,
      changes: log.changes,
      requestId: log.requestId,
      ip: log.ip,
      createdAt: log.createdAt,
    });
  }
}

import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActorKind } from '../common/events/actor.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { AuditLogRecord } from './audit-log.record.js';

@ObjectType('AuditLog', {
  description: 'One entry of the company’s audit trail: who did what to which record, and when.',
})
export class AuditLogType {
  @Field(() => ID, { description: 'The entry’s id.' })
  id!: string;

  @Field({ description: 'What happened, e.g. auth.login_failed, user.role_changed, lead.updated.' })
  @MaxChars(100)
  action!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The kind of record acted on (e.g. Lead, Deal, User); null when none.',
  })
  @MaxChars(100)
  entityType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The record acted on; null when none.' })
  entityId!: string | null;

  @Field(() => ActorKind, { description: 'What kind of caller acted.' })
  actorKind!: ActorKind;

  @Field(() => ID, { nullable: true, description: 'The user who acted, when a user did.' })
  actorUserId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The API key that acted, when a key did.',
  })
  actorApiKeyId!: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'What changed: field → { from, to }, or event details.',
  })
  @MaxChars(30_000)
  changes!: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description: 'The id of the request that did it (X-Request-Id); null for background work.',
  })
  @MaxChars(128)
  requestId!: string | null;

  @Field(() => String, { nullable: true, description: 'The caller’s IP address, when known.' })
  @MaxChars(64)
  ip!: string | null;

  @Field({ description: 'When it happened.' })
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

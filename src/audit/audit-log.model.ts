import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import type { ActorKind } from '../common/events/actor.js';

@Table({ tableName: 'audit_logs', updatedAt: false })
export class AuditLog extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  companyId!: string | null;

  @Column(DataType.TEXT)
  actorKind!: ActorKind;

  @Column(DataType.UUID)
  actorUserId!: string | null;

  @Column(DataType.UUID)
  actorApiKeyId!: string | null;

  @Column(DataType.TEXT)
  action!: string;

  @Column(DataType.TEXT)
  entityType!: string | null;

  @Column(DataType.UUID)
  entityId!: string | null;

  @Column(DataType.JSONB)
  changes!: Record<string, unknown> | null;

  @Column(DataType.TEXT)
  requestId!: string | null;

  @Column(DataType.TEXT)
  ip!: string | null;

  override createdAt!: Date;
}

/** An audit entry as the list reads it: plain columns, no model instance. */
export type AuditLogRecord = Pick<
  AuditLog,
  | 'id'
  | 'companyId'
  | 'actorKind'
  | 'actorUserId'
  | 'actorApiKeyId'
  | 'action'
  | 'entityType'
  | 'entityId'
  | 'changes'
  | 'requestId'
  | 'ip'
  | 'createdAt'
>;

export const AUDIT_LOG_RECORD_COLUMNS = `id, company_id AS "companyId", actor_kind AS "actorKind", actor_user_id AS "actorUserId",
  actor_api_key_id AS "actorApiKeyId", action, entity_type AS "entityType", entity_id AS "entityId",
  changes, request_id AS "requestId", ip, created_at AS "createdAt"`;

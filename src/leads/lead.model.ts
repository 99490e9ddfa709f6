import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import { LeadStatus } from './lead-status.enum.js';

@Table({ tableName: 'leads' })
export class Lead extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  companyId!: string;

  @Column(DataType.TEXT)
  firstName!: string;

  @Column(DataType.TEXT)
  lastName!: string;

  @Column(DataType.TEXT)
  email!: string;

  @Column(DataType.TEXT)
  phone!: string | null;

  /** numeric(12,2): PostgreSQL returns it as a string, kept exact until it leaves the API. */
  @Column(DataType.DECIMAL(12, 2))
  budget!: string | null;

  @Column(DataType.TEXT)
  location!: string | null;

  @Default(LeadStatus.NEW)
  @Column(DataType.TEXT)
  status!: LeadStatus;

  @Column(DataType.UUID)
  assignedToId!: string | null;

  @Column(DataType.TEXT)
  source!: string | null;

  @Column(DataType.JSONB)
  attribution!: Record<string, unknown> | null;

  /** As the sender gave it (ingestion): a name or a code. */
  @Column(DataType.TEXT)
  country!: string | null;

  @Column(DataType.TEXT)
  language!: string | null;

  @Column(DataType.DATE)
  override deletedAt!: Date | null;

  override createdAt!: Date;
  override updatedAt!: Date;
}

/** A lead's columns as plain data: what list queries return without building model instances. */
export type LeadRecord = Pick<
  Lead,
  | 'id'
  | 'companyId'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'budget'
  | 'location'
  | 'status'
  | 'assignedToId'
  | 'source'
  | 'attribution'
  | 'country'
  | 'language'
  | 'deletedAt'
  | 'createdAt'
  | 'updatedAt'
>;

/** SELECT list producing a LeadRecord from the leads table (or a subquery of it). */
export const LEAD_RECORD_COLUMNS = `id, company_id AS "companyId", first_name AS "firstName", last_name AS "lastName",
  email, phone, budget, location, status, assigned_to_id AS "assignedToId", source, attribution, country, language,
  deleted_at AS "deletedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

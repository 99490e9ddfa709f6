import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import { InteractionKind } from './interaction-kind.enum.js';

@Table({ tableName: 'interactions' })
export class Interaction extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  companyId!: string;

  @Column(DataType.UUID)
  leadId!: string;

  @Column(DataType.TEXT)
  type!: InteractionKind;

  @Column(DataType.DATE)
  date!: Date;

  @Column(DataType.TEXT)
  notes!: string | null;

  @Column(DataType.UUID)
  createdById!: string | null;

  override createdAt!: Date;
  override updatedAt!: Date;
}

/** An interaction's columns as plain data, for list queries. */
export type InteractionRecord = Pick<
  Interaction,
  | 'id'
  | 'companyId'
  | 'leadId'
  | 'type'
  | 'date'
  | 'notes'
  | 'createdById'
  | 'createdAt'
  | 'updatedAt'
>;

/** SELECT list producing an InteractionRecord; `alias` qualifies the columns. */
export function interactionRecordColumns(alias: string): string {
  return `${alias}.id, ${alias}.company_id AS "companyId", ${alias}.lead_id AS "leadId", ${alias}.type, ${alias}.date,
    ${alias}.notes, ${alias}.created_by_id AS "createdById", ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`;
}

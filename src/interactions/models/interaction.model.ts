import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import { InteractionKind } from '../interaction-kind.enum.js';

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

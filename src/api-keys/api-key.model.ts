import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';

@Table({ tableName: 'api_keys', updatedAt: false })
export class ApiKey extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  companyId!: string;

  @Column(DataType.TEXT)
  name!: string;

  @Column(DataType.TEXT)
  prefix!: string;

  @Column(DataType.TEXT)
  keyHash!: string;

  @Column(DataType.ARRAY(DataType.TEXT))
  scopes!: string[];

  @Column(DataType.UUID)
  createdById!: string | null;

  @Column(DataType.DATE)
  lastUsedAt!: Date | null;

  @Column(DataType.DATE)
  revokedAt!: Date | null;

  override createdAt!: Date;
}

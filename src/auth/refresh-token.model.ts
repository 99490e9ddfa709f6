import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';

@Table({ tableName: 'refresh_tokens', updatedAt: false })
export class RefreshToken extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  userId!: string;

  @Column(DataType.UUID)
  familyId!: string;

  @Column(DataType.TEXT)
  tokenHash!: string;

  @Column(DataType.DATE)
  expiresAt!: Date;

  @Column(DataType.DATE)
  revokedAt!: Date | null;

  @Column(DataType.UUID)
  replacedById!: string | null;

  override createdAt!: Date;
}

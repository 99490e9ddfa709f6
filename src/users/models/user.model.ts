import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import { Role } from '../../auth/role.enum.js';

@Table({ tableName: 'users' })
export class User extends Model {
  @PrimaryKey
  @Default(DataType.UUIDV4)
  @Column(DataType.UUID)
  override id!: string;

  @Column(DataType.UUID)
  companyId!: string;

  @Column(DataType.TEXT)
  email!: string;

  @Column(DataType.TEXT)
  passwordHash!: string;

  @Column(DataType.TEXT)
  firstName!: string;

  @Column(DataType.TEXT)
  lastName!: string;

  @Column(DataType.TEXT)
  role!: Role;

  @Default(true)
  @Column(DataType.BOOLEAN)
  isActive!: boolean;

  override createdAt!: Date;
  override updatedAt!: Date;
}

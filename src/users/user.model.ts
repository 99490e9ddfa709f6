import { Column, DataType, Default, Model, PrimaryKey, Table } from 'sequelize-typescript';
import { Role } from '../auth/role.enum.js';

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

/** What the auth guard and the user loader need of a user, as plain data. */
export type UserRecord = Pick<
  User,
  'id' | 'companyId' | 'email' | 'firstName' | 'lastName' | 'role' | 'isActive' | 'createdAt'
>;

export const USER_RECORD_COLUMNS = `id, company_id AS "companyId", email, first_name AS "firstName", last_name AS "lastName",
  role, is_active AS "isActive", created_at AS "createdAt"`;

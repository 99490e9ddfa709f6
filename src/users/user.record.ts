import type { Role } from '../auth/role.enum.js';
import { column, selectOf, type RowOf } from '../database/record-columns.js';

/** A user's columns as the API and the auth guard read them, declared once. */
export const USER_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  email: column<string>('email'),
  firstName: column<string>('first_name'),
  lastName: column<string>('last_name'),
  role: column<Role>('role'),
  isActive: column<boolean>('is_active'),
  createdAt: column<Date>('created_at'),
};

/** A user as plain data: never the password hash. */
export type UserRecord = RowOf<typeof USER_COLUMNS>;

/** SELECT list producing a UserRecord from the users table. */
export const USER_RECORD_COLUMNS = selectOf(USER_COLUMNS);

/** A user with the password hash: what signing in reads, and nothing else. */
export const ACCOUNT_COLUMNS = { ...USER_COLUMNS, passwordHash: column<string>('password_hash') };

export type AccountRecord = RowOf<typeof ACCOUNT_COLUMNS>;

export const ACCOUNT_RECORD_COLUMNS = selectOf(ACCOUNT_COLUMNS);

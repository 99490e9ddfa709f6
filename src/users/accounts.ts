import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { AccountRecord, UserRecord } from './user.record.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersRepository } from './users.repository.js';

/** What authentication asks of the users module: who is signing in, who is behind a token. */
@Injectable()
export class Accounts {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /**
   * The account of `email`, and whether `password` is its password. An unknown e-mail costs the
   * same hash as a known one, so timing tells nobody which e-mails have accounts.
   */
  async checkPassword(
    email: string,
    password: string,
  ): Promise<{ user: AccountRecord | null; passwordOk: boolean }> {
    const user = await this.users.findByEmail(email);
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, password);
    return { user, passwordOk };
  }

  /** The user behind a token (the auth guard's hot path, a refresh), in any company. */
  findById(id: string, transaction?: Transaction): Promise<UserRecord | null> {
    return this.users.findRecord(id, transaction);
  }
}

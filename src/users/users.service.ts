import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import {
  actorOf,
  requireUser,
  type AuthContext,
  type RequestMeta,
  type UserCaller,
} from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { Role } from '../auth/role.enum.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { uniqueViolationOf } from '../common/errors/database-errors.js';
import { ActorKind } from '../common/events/actor.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { Page } from '../common/pagination/page.js';
import { Listing, type ListArgs } from '../common/records/listing.js';
import { Transactions } from '../database/transactions.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UpdateUserRoleInput } from './dto/update-user-role.input.js';
import type { UserRecord } from './user.record.js';
import { PasswordHasher } from './password-hasher.js';
import { USER_EMAIL_INDEX, UserException, UserReason } from './user.exception.js';
import { UserEvents } from './users.events.js';
import {
  USERS_OLDEST_FIRST,
  UsersRepository,
  type NewUser,
  type UserFilter,
  type UserOrderField,
} from './users.repository.js';

/** A new company and its first user: signUp's input, the password already hashed. */
export interface NewCompany {
  companyName: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  async me(auth: AuthContext): Promise<UserRecord> {
    const caller = requireUser(auth);
    const [user] = await this.users.findInCompanyByIds(caller.companyId, [caller.userId]);
    if (!user) throw new NotFoundException('User', caller.userId);
    return user;
  }

  async findOne(auth: AuthContext, id: string): Promise<UserRecord | null> {
    authorize(auth, Action.ReadUsers);
    const [user] = await this.users.findInCompanyByIds(auth.companyId, [id]);
    return user ?? null;
  }

  /** The users list: every user of the caller's company, for those who may read users. */
  private readonly list = new Listing(this.users.list, {
    readable: (auth: AuthContext): UserFilter => {
      authorize(auth, Action.ReadUsers);
      return {};
    },
    defaultOrder: () => USERS_OLDEST_FIRST,
  });

  page(auth: AuthContext, args: ListArgs<UserFilter, UserOrderField>): Promise<Page<UserRecord>> {
    return this.list.page(auth, args);
  }

  count(auth: AuthContext): Promise<number> {
    return this.list.count(auth);
  }

  /**
   * signUp: the company and its first ADMIN, who is the actor of both, in the caller's
   * transaction. The password is hashed before (newPasswordHash): argon2 has no place inside it.
   */
  async createCompany(
    meta: RequestMeta,
    input: NewCompany,
    transaction: Transaction,
  ): Promise<UserRecord> {
    const company = await this.users.createCompany(input.companyName, transaction);
    const { companyName: _, ...person } = input;
    const user = await this.insert(
      { ...person, companyId: company.id, role: Role.ADMIN },
      transaction,
    );
    const founder: UserCaller = {
      kind: ActorKind.USER,
      userId: user.id,
      companyId: company.id,
      role: Role.ADMIN,
      ...meta,
    };
    await this.events.publish(
      UserEvents.CompanySignedUp,
      { entity: 'Company', records: [{ id: company.id, details: { name: company.name } }] },
      { actor: actorOf(founder), transaction },
    );
    await this.publishCreated(founder, user, transaction);
    return user;
  }

  /**
   * The hash of a new account's password. A taken e-mail is refused first: a hash costs 64 MiB
   * and a slot of the hashing lane, and must not be spent on an account that cannot exist (the
   * unique index still decides a race).
   */
  async newPasswordHash(email: string, password: string): Promise<string> {
    if (await this.users.findByEmail(email)) throw emailTaken();
    return this.passwords.hash(password);
  }

  async create(auth: AuthContext, input: CreateUserInput): Promise<UserRecord> {
    authorize(auth, Action.ManageUsers);
    const passwordHash = await this.newPasswordHash(input.email, input.password);
    return this.transactions.run(async (transaction) => {
      const user = await this.insert(
        {
          companyId: auth.companyId,
          email: input.email,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          role: input.role,
        },
        transaction,
      );
      await this.publishCreated(auth, user, transaction);
      return user;
    });
  }

  async updateRole(auth: AuthContext, input: UpdateUserRoleInput): Promise<UserRecord> {
    authorize(auth, Action.ManageUsers);
    return this.transactions.run(async (transaction) => {
      const user = await this.users.findInCompanyForUpdate(
        auth.companyId,
        input.userId,
        transaction,
      );
      if (!user) throw new NotFoundException('User', input.userId);
      if (user.role === input.role) return user;
      if (user.role === Role.ADMIN && user.isActive)
        await this.ensureAnotherAdmin(auth.companyId, transaction);
      const from = user.role;
      const changed = await this.users.change(user, { role: input.role }, transaction);
      await this.events.publish(
        UserEvents.RoleChanged,
        { entity: 'User', records: [{ id: user.id, changes: { role: { from, to: input.role } } }] },
        { actor: actorOf(auth), transaction },
      );
      return changed;
    });
  }

  async deactivate(auth: AuthContext, userId: string): Promise<UserRecord> {
    authorize(auth, Action.ManageUsers);
    if (userId === requireUser(auth).userId)
      throw new UserException(UserReason.SELF_DEACTIVATION, 'You cannot deactivate yourself');
    return this.transactions.run(async (transaction) => {
      const user = await this.users.findInCompanyForUpdate(auth.companyId, userId, transaction);
      if (!user) throw new NotFoundException('User', userId);
      if (!user.isActive) return user;
      if (user.role === Role.ADMIN) await this.ensureAnotherAdmin(auth.companyId, transaction);
      const changed = await this.users.change(user, { isActive: false }, transaction);
      await this.events.publish(
        UserEvents.Deactivated,
        {
          entity: 'User',
          records: [{ id: user.id, changes: { isActive: { from: true, to: false } } }],
        },
        { actor: actorOf(auth), transaction },
      );
      return changed;
    });
  }

  /** The one place a new user is written: its e-mail's unique index answers EMAIL_TAKEN. */
  private async insert(values: NewUser, transaction: Transaction): Promise<UserRecord> {
    try {
      return await this.users.create(values, transaction);
    } catch (error) {
      if (uniqueViolationOf(error) !== USER_EMAIL_INDEX) throw error;
      throw emailTaken();
    }
  }

  private publishCreated(
    auth: AuthContext,
    user: UserRecord,
    transaction: Transaction,
  ): Promise<void> {
    return this.events.publish(
      UserEvents.Created,
      {
        entity: 'User',
        records: [{ id: user.id, details: { email: user.email, role: user.role } }],
      },
      { actor: actorOf(auth), transaction },
    );
  }

  private async ensureAnotherAdmin(companyId: string, transaction: Transaction): Promise<void> {
    if ((await this.users.countActiveAdmins(companyId, transaction)) <= 1) {
      throw new UserException(
        UserReason.LAST_ADMIN,
        'A company must keep at least one active ADMIN',
      );
    }
  }
}

function emailTaken(): UserException {
  return new UserException(UserReason.EMAIL_TAKEN, 'A user with this email already exists', {
    field: 'email',
  });
}

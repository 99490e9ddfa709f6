import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import {
  actorOf,
  requireUser,
  type AuthContext,
  type RequestMeta,
  type UserCaller,
} from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { Role } from '../auth/role.enum.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { uniqueViolationOf } from '../common/errors/database-errors.js';
import { ActorKind } from '../common/events/actor.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UpdateUserRoleInput } from './dto/update-user-role.input.js';
import type { User, UserRecord } from './user.model.js';
import { PasswordHasher } from './password-hasher.js';
import { USER_EMAIL_INDEX, UserException, UserReason } from './user.exception.js';
import { UserEvents } from './users.events.js';
import { USER_KEYSET, UsersRepository, type NewUser } from './users.repository.js';

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

  async list(
    auth: AuthContext,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<UserRecord>> {
    authorize(auth, Action.ReadUsers);
    const limit = pageSize(first);
    const cursor = after ? USER_KEYSET.decode(after) : undefined;
    const rows = await this.users.page(auth.companyId, limit + 1, cursor);
    return toPage(rows, limit, (u) => USER_KEYSET.cursorOf(u), after);
  }

  async count(auth: AuthContext): Promise<number> {
    authorize(auth, Action.ReadUsers);
    return this.users.count(auth.companyId);
  }

  /**
   * signUp: the company and its first ADMIN, who is the actor of both, in the caller's
   * transaction. The password is hashed before (newPasswordHash): argon2 has no place inside it.
   */
  async createCompany(
    meta: RequestMeta,
    input: NewCompany,
    transaction: Transaction,
  ): Promise<User> {
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

  async create(auth: AuthContext, input: CreateUserInput): Promise<User> {
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

  async updateRole(auth: AuthContext, input: UpdateUserRoleInput): Promise<User> {
    authorize(auth, Action.ManageUsers);
    return this.transactions.run(async (transaction) => {
      const user = await this.users.findInCompany(auth.companyId, input.userId, transaction);
      if (!user) throw new NotFoundException('User', input.userId);
      if (user.role === input.role) return user;
      if (user.role === Role.ADMIN && user.isActive)
        await this.ensureAnotherAdmin(auth.companyId, transaction);
      const from = user.role;
      await this.users.setRole(user, input.role, transaction);
      await this.events.publish(
        UserEvents.RoleChanged,
        { entity: 'User', records: [{ id: user.id, changes: { role: { from, to: input.role } } }] },
        { actor: actorOf(auth), transaction },
      );
      return user;
    });
  }

  async deactivate(auth: AuthContext, userId: string): Promise<User> {
    authorize(auth, Action.ManageUsers);
    if (userId === requireUser(auth).userId)
      throw new UserException(UserReason.SELF_DEACTIVATION, 'You cannot deactivate yourself');
    return this.transactions.run(async (transaction) => {
      const user = await this.users.findInCompany(auth.companyId, userId, transaction);
      if (!user) throw new NotFoundException('User', userId);
      if (!user.isActive) return user;
      if (user.role === Role.ADMIN) await this.ensureAnotherAdmin(auth.companyId, transaction);
      await this.users.deactivate(user, transaction);
      await this.events.publish(
        UserEvents.Deactivated,
        {
          entity: 'User',
          records: [{ id: user.id, changes: { isActive: { from: true, to: false } } }],
        },
        { actor: actorOf(auth), transaction },
      );
      return user;
    });
  }

  /** The one place a new user is written: its e-mail's unique index answers EMAIL_TAKEN. */
  private async insert(values: NewUser, transaction: Transaction): Promise<User> {
    try {
      return await this.users.create(values, transaction);
    } catch (error) {
      if (uniqueViolationOf(error) !== USER_EMAIL_INDEX) throw error;
      throw emailTaken();
    }
  }

  private publishCreated(auth: AuthContext, user: User, transaction: Transaction): Promise<void> {
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

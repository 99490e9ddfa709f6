import { Injectable } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { Role } from '../auth/role.enum.js';
import { PasswordHasher } from '../auth/tokens/password-hasher.js';
import { ConflictException, NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvent } from '../common/events/domain-event.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UpdateUserRoleInput } from './dto/update-user-role.input.js';
import type { User, UserRecord } from './models/user.model.js';
import { UserEvents } from './users.events.js';
import { USER_KEYSET, UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sequelize: Sequelize,
    private readonly events: DomainEvents,
  ) {}

  async me(auth: AuthContext): Promise<User> {
    const user = await this.users.findInCompany(auth.companyId, auth.userId);
    if (!user) throw new NotFoundException('User', auth.userId);
    return user;
  }

  async findOne(auth: AuthContext, id: string): Promise<User | null> {
    authorize(auth, Action.ReadUsers);
    return this.users.findInCompany(auth.companyId, id);
  }

  async list(
    auth: AuthContext,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<UserRecord>> {
    authorize(auth, Action.ReadUsers);
    const limit = pageSize(first);
    const cursor = after ? USER_KEYSET.decode(after) : undefined;
    const rows = await this.users.listInCompany(auth.companyId, limit + 1, cursor);
    return toPage(rows, limit, (u) => USER_KEYSET.cursorOf(u));
  }

  async count(auth: AuthContext): Promise<number> {
    authorize(auth, Action.ReadUsers);
    return this.users.countInCompany(auth.companyId);
  }

  async create(auth: AuthContext, input: CreateUserInput): Promise<User> {
    authorize(auth, Action.ManageUsers);
    const passwordHash = await this.passwords.hash(input.password);
    return this.sequelize.transaction(async (transaction) => {
      const user = await this.users.create(
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
      await this.events.publish(
        new DomainEvent(
          UserEvents.Created,
          actorOf(auth),
          { type: 'User', id: user.id },
          { email: user.email, role: user.role },
          transaction,
        ),
      );
      return user;
    });
  }

  async updateRole(auth: AuthContext, input: UpdateUserRoleInput): Promise<User> {
    authorize(auth, Action.ManageUsers);
    return this.sequelize.transaction(async (transaction) => {
      const user = await this.users.findInCompany(auth.companyId, input.userId, transaction);
      if (!user) throw new NotFoundException('User', input.userId);
      if (user.role === input.role) return user;
      if (user.role === Role.ADMIN && user.isActive)
        await this.ensureAnotherAdmin(auth.companyId, transaction);
      const from = user.role;
      await user.update({ role: input.role }, { transaction });
      await this.events.publish(
        new DomainEvent(
          UserEvents.RoleChanged,
          actorOf(auth),
          { type: 'User', id: user.id },
          { role: { from, to: input.role } },
          transaction,
        ),
      );
      return user;
    });
  }

  async deactivate(auth: AuthContext, userId: string): Promise<User> {
    authorize(auth, Action.ManageUsers);
    if (userId === auth.userId) throw new ConflictException('You cannot deactivate yourself');
    return this.sequelize.transaction(async (transaction) => {
      const user = await this.users.findInCompany(auth.companyId, userId, transaction);
      if (!user) throw new NotFoundException('User', userId);
      if (!user.isActive) return user;
      if (user.role === Role.ADMIN) await this.ensureAnotherAdmin(auth.companyId, transaction);
      await user.update({ isActive: false }, { transaction });
      await this.events.publish(
        new DomainEvent(
          UserEvents.Deactivated,
          actorOf(auth),
          { type: 'User', id: user.id },
          { isActive: { from: true, to: false } },
          transaction,
        ),
      );
      return user;
    });
  }

  private async ensureAnotherAdmin(
    companyId: string,
    transaction: Parameters<UsersRepository['countActiveAdmins']>[1],
  ): Promise<void> {
    if ((await this.users.countActiveAdmins(companyId, transaction)) <= 1) {
      throw new ConflictException('A company must keep at least one active ADMIN');
    }
  }
}

import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { referenced } from '../common/records/referenced.js';
import { UserType } from './user.type.js';
import { byId, LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
import type { UserRecord } from './user.record.js';
import { UsersRepository } from './users.repository.js';

/** A user of the caller's company by id (assignees, authors), null when missing. */
export const USER_BY_ID = new LoaderKey<string, UserRecord | null>('userById');

/** A user by id as the GraphQL type, for fields pointing at one (assignedTo, author, …). */
export const userRef = referenced(
  USER_BY_ID,
  (row) => UserType.from(row),
  () => UserType,
  [Requires(Action.ReadUsers)],
);

@Injectable()
export class UserLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(USER_BY_ID, async (companyId, ids) =>
      byId(ids, await this.users.findInCompanyByIds(companyId, ids)),
    );
  }
}

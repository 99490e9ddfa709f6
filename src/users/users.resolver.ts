import { Requires, SignedIn } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { PageArgs } from '../common/graphql/page.args.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { RecordQueries } from '../common/records/record-queries.resolver.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UpdateUserRoleInput } from './dto/update-user-role.input.js';
import { UserConnection } from './user-connection.type.js';
import { UserType } from './user.type.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserType)
export class UsersResolver extends RecordQueries({
  service: UsersService,
  node: UserType,
  connection: UserConnection,
  args: PageArgs,
  toNode: (user) => UserType.from(user),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadUsers)],
  list: { name: 'users', description: 'Users of your company, oldest first.' },
  connectionName: 'usersConnection',
  connectionDescription: 'The users list as a cursor connection, with totalCount.',
  byId: {
    name: 'user',
    description: 'A user of your company, or null.',
    idDescription: 'The user’s id.',
  },
}) {
  @SignedIn()
  @Query(() => UserType, { description: 'The caller.' })
  async me(@CurrentAuth() auth: AuthContext): Promise<UserType> {
    return UserType.from(await this.service.me(auth));
  }

  @Requires(Action.ManageUsers)
  @Mutation(() => UserType, { description: 'ADMIN: add a user to your company.' })
  async createUser(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'The new user.' }) input: CreateUserInput,
  ): Promise<UserType> {
    return UserType.from(await this.service.create(auth, input));
  }

  @Requires(Action.ManageUsers)
  @Mutation(() => UserType, {
    description: 'ADMIN: change a user’s role; takes effect on their next request.',
  })
  async updateUserRole(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'The user and their new role.' }) input: UpdateUserRoleInput,
  ): Promise<UserType> {
    return UserType.from(await this.service.updateRole(auth, input));
  }

  @Requires(Action.ManageUsers)
  @Mutation(() => UserType, {
    description: 'ADMIN: deactivate a user; their tokens stop working at once.',
  })
  async deactivateUser(
    @CurrentAuth() auth: AuthContext,
    @IdArg('userId', 'A user of your company.')
    userId: string,
  ): Promise<UserType> {
    return UserType.from(await this.service.deactivate(auth, userId));
  }
}

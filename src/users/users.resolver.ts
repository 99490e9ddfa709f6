import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { PageArgs } from '../common/graphql/page.args.js';
import { UuidPipe } from '../common/graphql/uuid.pipe.js';
import { toConnection } from '../common/pagination/page.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UpdateUserRoleInput } from './dto/update-user-role.input.js';
import { UserConnection } from './user-connection.type.js';
import { UserType } from './user.type.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserType)
export class UsersResolver {
  constructor(private readonly usersService: UsersService) {}

  @Query(() => UserType, { description: 'The caller.' })
  async me(@CurrentAuth() auth: AuthContext): Promise<UserType> {
    return UserType.from(await this.usersService.me(auth));
  }

  @Query(() => UserType, { nullable: true, description: 'A user of your company, or null.' })
  async user(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID, description: 'The user’s id.' }, new UuidPipe('id')) id: string,
  ): Promise<UserType | null> {
    const user = await this.usersService.findOne(auth, id);
    return user ? UserType.from(user) : null;
  }

  @Query(() => [UserType], { description: 'Users of your company, oldest first.' })
  async users(@CurrentAuth() auth: AuthContext, @Args() page: PageArgs): Promise<UserType[]> {
    return (await this.usersService.list(auth, page.first, page.after)).rows.map((u) =>
      UserType.from(u),
    );
  }

  @Query(() => UserConnection, {
    description: 'The users list as a cursor connection, with totalCount.',
  })
  async usersConnection(
    @CurrentAuth() auth: AuthContext,
    @Args() page: PageArgs,
  ): Promise<UserConnection> {
    const rows = await this.usersService.list(auth, page.first, page.after);
    return toConnection(
      rows,
      (u) => UserType.from(u),
      () => this.usersService.count(auth),
    );
  }

  @Mutation(() => UserType, { description: 'ADMIN: add a user to your company.' })
  async createUser(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'The new user.' }) input: CreateUserInput,
  ): Promise<UserType> {
    return UserType.from(await this.usersService.create(auth, input));
  }

  @Mutation(() => UserType, {
    description: 'ADMIN: change a user’s role; takes effect on their next request.',
  })
  async updateUserRole(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'The user and their new role.' }) input: UpdateUserRoleInput,
  ): Promise<UserType> {
    return UserType.from(await this.usersService.updateRole(auth, input));
  }

  @Mutation(() => UserType, {
    description: 'ADMIN: deactivate a user; their tokens stop working at once.',
  })
  async deactivateUser(
    @CurrentAuth() auth: AuthContext,
    @Args(
      'userId',
      { type: () => ID, description: 'A user of your company.' },
      new UuidPipe('userId'),
    )
    userId: string,
  ): Promise<UserType> {
    return UserType.from(await this.usersService.deactivate(auth, userId));
  }
}

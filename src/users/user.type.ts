import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../auth/role.enum.js';
import type { UserRecord } from './user.model.js';

/** A user as the API shows it: no password hash, no company id. */
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  @MaxChars(254)
  email!: string;

  @Field()
  @MaxChars(100)
  firstName!: string;

  @Field()
  @MaxChars(100)
  lastName!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  isActive!: boolean;

  @Field()
  createdAt!: Date;

  static from(user: UserRecord): UserType {
    return Object.assign(new UserType(), {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role,
      isActive: user.isActive,
      createdAt: user.createdAt,
    });
  }
}

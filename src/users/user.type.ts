import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../auth/role.enum.js';
import type { UserRecord } from './user.record.js';

/** A user as the API shows it: no password hash, no company id. */
@ObjectType('User', { description: 'A person who signs in to the company’s CRM.' })
export class UserType {
  @Field(() => ID, { description: 'The user’s id.' })
  id!: string;

  @Field({ description: 'Sign-in email, lower-case; unique across all companies.' })
  @MaxChars(254)
  email!: string;

  @Field({ description: 'First name.' })
  @MaxChars(100)
  firstName!: string;

  @Field({ description: 'Last name.' })
  @MaxChars(100)
  lastName!: string;

  @Field(() => Role, { description: 'What the user may do.' })
  role!: Role;

  @Field({ description: 'False once deactivated: the user can no longer sign in.' })
  isActive!: boolean;

  @Field({ description: 'When the account was created.' })
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

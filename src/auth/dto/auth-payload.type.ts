import { MaxChars } from '../../common/graphql/query-cost.decorators.js';
import { PartOfRootAnswer } from '../../common/graphql/field-access.js';
import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../users/user.type.js';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({ description: 'JWT for the Authorization: Bearer header; short-lived.' })
  @MaxChars(2000)
  accessToken!: string;

  @Field({ description: 'Opaque; exchange it once with refreshToken for a new pair.' })
  @MaxChars(200)
  refreshToken!: string;

  @PartOfRootAnswer()
  @Field(() => UserType)
  user!: UserType;
}

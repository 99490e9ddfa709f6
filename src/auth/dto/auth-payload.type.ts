import { MaxChars } from '../../common/graphql/query-cost.decorators.js';
import { PartOfRootAnswer } from '../../common/graphql/field-access.js';
import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../users/user.type.js';

@ObjectType('AuthPayload', { description: 'A signed-in session: a token pair and its user.' })
export class AuthPayload {
  @Field({
    description: 'JWT for the Authorization: Bearer header; short-lived (JWT_ACCESS_TTL_SECONDS).',
  })
  @MaxChars(2000)
  accessToken!: string;

  @Field({ description: 'Opaque; exchange it once with refreshToken for a new pair.' })
  @MaxChars(200)
  refreshToken!: string;

  @PartOfRootAnswer()
  @Field(() => UserType, { description: 'Who signed in.' })
  user!: UserType;
}

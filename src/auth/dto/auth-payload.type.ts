import { PartOfRootAnswer } from '../../common/graphql/field-access.js';
import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../users/models/user.type.js';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({ description: 'JWT for the Authorization: Bearer header; short-lived.' })
  accessToken!: string;

  @Field({ description: 'Opaque; exchange it once with refreshToken for a new pair.' })
  refreshToken!: string;

  @PartOfRootAnswer()
  @Field(() => UserType)
  user!: UserType;
}

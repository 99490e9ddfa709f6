import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { PartOfRootAnswer } from '../common/graphql/field-access.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.enum.js';
import type { ApiKey } from './api-key.model.js';

@ObjectType('ApiKey')
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field()
  @MaxChars(200)
  name!: string;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  @MaxChars(32)
  prefix!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field()
  createdAt!: Date;

  static from(key: ApiKey): ApiKeyType {
    return Object.assign(new ApiKeyType(), {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes as ApiKeyScope[],
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
      createdAt: key.createdAt,
    });
  }
}

@ObjectType()
export class CreatedApiKey {
  @PartOfRootAnswer()
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

  @Field({ description: 'Shown this once; only its hash is stored.' })
  @MaxChars(200)
  secret!: string;
}

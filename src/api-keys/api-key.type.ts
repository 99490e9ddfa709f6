import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { PartOfRootAnswer } from '../common/graphql/field-access.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.enum.js';
import type { ApiKeyRecord } from './api-key.record.js';

@ObjectType('ApiKey', {
  description:
    'A secret that lets a lead-capture form or another system call POST /api/lead for the company. ADMIN only.',
})
export class ApiKeyType {
  @Field(() => ID, { description: 'The key’s id.' })
  id!: string;

  @Field({ description: 'What the key is for, as its creator named it.' })
  @MaxChars(200)
  name!: string;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  @MaxChars(32)
  prefix!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may be used for.' })
  scopes!: ApiKeyScope[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was last accepted, to the minute; null if never used.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was revoked (it no longer works); null while it works.',
  })
  revokedAt!: Date | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  static from(key: ApiKeyRecord): ApiKeyType {
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

@ObjectType({ description: 'A new API key and its secret, which is shown only this once.' })
export class CreatedApiKey {
  @PartOfRootAnswer()
  @Field(() => ApiKeyType, { description: 'The key as listed from now on.' })
  apiKey!: ApiKeyType;

  @Field({
    description:
      'The secret, sent as the X-API-Key header (or Authorization: Bearer). Shown this once; only its hash is stored.',
  })
  @MaxChars(200)
  secret!: string;
}

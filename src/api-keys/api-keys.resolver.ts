import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyInput } from './dto/create-api-key.input.js';
import { ApiKeyType, CreatedApiKey } from './api-key.type.js';

@Resolver(() => ApiKeyType)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Requires(Action.ManageApiKeys)
  @Query(() => [ApiKeyType], {
    description:
      'ADMIN: the company’s API keys, newest first (the newest 500, revoked ones included).',
  })
  async apiKeys(@CurrentAuth() auth: AuthContext): Promise<ApiKeyType[]> {
    return (await this.keys.list(auth)).map((k) => ApiKeyType.from(k));
  }

  @Requires(Action.ManageApiKeys)
  @Mutation(() => CreatedApiKey, {
    description: 'ADMIN: create an API key; the secret is returned only here.',
  })
  async createApiKey(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'Its name and scopes.' }) input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    const { apiKey, secret } = await this.keys.create(auth, input);
    return { apiKey: ApiKeyType.from(apiKey), secret };
  }

  @Requires(Action.ManageApiKeys)
  @Mutation(() => ApiKeyType, {
    description: 'ADMIN: revoke an API key; it stops working at once.',
  })
  async revokeApiKey(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The key to revoke.')
    id: string,
  ): Promise<ApiKeyType> {
    return ApiKeyType.from(await this.keys.revoke(auth, id));
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  actorOf,
  userIdOf,
  type ApiKeyCaller,
  type AuthContext,
  type RequestMeta,
} from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { hashSecret, randomSecret } from '../auth/tokens/secret-token.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { ActorKind } from '../common/events/actor.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { noteCaller } from '../common/http/request-context.js';
import { Transactions } from '../database/transactions.js';
import { ApiKeyScope } from '../auth/api-key-scope.enum.js';
import { ApiKeyException, ApiKeyReason } from './api-key.exception.js';
import { ApiKeyEvents } from './api-keys.events.js';
import { MAX_PAGE_SIZE } from '../common/pagination/cursor.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { CreateApiKeyInput } from './dto/create-api-key.input.js';
import type { ApiKeyRecord } from './api-key.record.js';

const SECRET_PREFIX = 'crm_';

/** Live keys a company may hold: enough for every form and integration, not a way to grow rows. */
export const MAX_LIVE_API_KEYS = 100;

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  /** When this process last recorded each key's use. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** Returns the key and its secret; the secret is not stored and cannot be shown again. */
  async create(
    auth: AuthContext,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    authorize(auth, Action.ManageApiKeys);
    const prefix = `${SECRET_PREFIX}${randomBytes(4).toString('hex')}`;
    const secret = `${prefix}_${randomSecret()}`;
    const apiKey = await this.transactions.run(async (transaction) => {
      if ((await this.keys.countLive(auth.companyId, transaction)) >= MAX_LIVE_API_KEYS)
        throw new ApiKeyException(
          ApiKeyReason.TOO_MANY_API_KEYS,
          `A company may hold ${MAX_LIVE_API_KEYS} live API keys; revoke one first`,
        );
      const key = await this.keys.create(
        {
          companyId: auth.companyId,
          name: input.name,
          prefix,
          keyHash: hashSecret(secret),
          scopes: input.scopes,
          createdById: userIdOf(auth),
        },
        transaction,
      );
      await this.events.publish(
        ApiKeyEvents.Created,
        {
          entity: 'ApiKey',
          records: [{ id: key.id, details: { name: key.name, scopes: input.scopes } }],
        },
        { actor: actorOf(auth), transaction },
      );
      return key;
    });
    return { apiKey, secret };
  }

  list(auth: AuthContext): Promise<ApiKeyRecord[]> {
    authorize(auth, Action.ManageApiKeys);
    return this.keys.list(auth.companyId, MAX_PAGE_SIZE);
  }

  async revoke(auth: AuthContext, id: string): Promise<ApiKeyRecord> {
    authorize(auth, Action.ManageApiKeys);
    return this.transactions.run(async (transaction) => {
      const key = await this.keys.findInCompanyForUpdate(auth.companyId, id, transaction);
      if (!key) throw new NotFoundException('ApiKey', id);
      if (key.revokedAt) return key;
      const revoked = await this.keys.revoke(key, transaction);
      await this.events.publish(
        ApiKeyEvents.Revoked,
        { entity: 'ApiKey', records: [{ id: key.id }] },
        { actor: actorOf(auth), transaction },
      );
      return revoked;
    });
  }

  /**
   * `last_used_at` at most once a minute per key: a key that sends a lead a second would otherwise
   * cost a row update on every request.
   */
  private async used(id: string): Promise<void> {
    const now = Date.now();
    if ((this.touchedAt.get(id) ?? 0) > now - TOUCH_INTERVAL_MS) return;
    if (this.touchedAt.size >= MAX_LIVE_API_KEYS * 100) this.touchedAt.clear();
    this.touchedAt.set(id, now);
    await this.keys.touch(id);
  }

  /** The hash a presented secret is looked up by; null when it cannot be one of ours. */
  hashOf(secret: string): string | null {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
    return hashSecret(secret);
  }

  /** The caller behind a presented secret, or null when it is unknown, revoked or lacks `scope`. */
  async authenticate(
    meta: RequestMeta,
    secret: string,
    scope: ApiKeyScope,
  ): Promise<ApiKeyCaller | null> {
    const hash = this.hashOf(secret);
    const key = hash ? await this.keys.findUsable(hash, scope) : null;
    return key ? this.callerOf(meta, key) : null;
  }

  /**
   * The company of the key of a secret's hash when it is usable for `scope` (see usableKeySql),
   * else null: ingestion spends that company's budget before it stores anything.
   */
  async usableKeyCompany(hash: string, scope: ApiKeyScope): Promise<string | null> {
    return (await this.keys.findUsable(hash, scope))?.companyId ?? null;
  }

  /**
   * A usable key (usableKeySql) as the caller. Its use is recorded in the background: whatever
   * the caller does next must not wait for it, nor fail because of it.
   */
  callerOf(
    meta: RequestMeta,
    key: { id: string; companyId: string; scopes: string[] },
  ): ApiKeyCaller {
    noteCaller({ companyId: key.companyId });
    this.used(key.id).catch((error: unknown) =>
      this.logger.warn(`could not record the use of API key ${key.id}: ${String(error)}`),
    );
    return {
      kind: ActorKind.API_KEY,
      apiKeyId: key.id,
      companyId: key.companyId,
      scopes: key.scopes as ApiKeyScope[],
      ...meta,
    };
  }
}

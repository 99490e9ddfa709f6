import { cacheLookups } from '../common/metrics/cache.metrics.js';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { REDIS } from '../redis/redis.module.js';
import type { UserRecord } from '../users/user.record.js';
import { UserEvents } from '../users/users.events.js';
import { AuthEvents } from './auth.events.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const CHANNEL = 'crm:caller-invalidated';

/** Who is behind an access token: the user, and whether the token's session is still open. */
export interface Caller {
  user: UserRecord;
  sessionLive: boolean;
}

/** What an invalidation names: every session of a user, or one. */
type Forget = { userId: string; sessionId?: string };

const keyOf = (userId: string, sessionId: string): string => `${userId}:${sessionId}`;

/**
 * The callers behind recent access tokens, so that AuthGuard does not spend database round trips
 * on every request. A deactivation, a role change, a logout or a reused refresh token drops the
 * entries concerned as soon as it has committed — on this instance directly, on the others
 * through Redis. The TTL bounds how long a lost Redis message could keep a stale entry alive.
 */
@Injectable()
export class CallerCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallerCache.name);
  private readonly entries = new Map<string, { caller: Caller; expiresAt: number }>();
  /** The keys of each user's cached sessions. */
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a lookup that overlapped one may have read the old rows. */
  private invalidations = 0;
  private subscriber?: Redis;

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [userId, sessionId] = message.split(':');
      this.forget({ userId, sessionId: sessionId || undefined });
    });
    this.subscriber.on('error', (error: Error) =>
      this.logger.warn(`invalidation channel: ${error.message}`),
    );
    await this.subscriber.subscribe(CHANNEL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** The cached caller of this user and session, or whatever `load` finds (then cached). */
  async get(
    userId: string,
    sessionId: string,
    load: () => Promise<Caller | null>,
  ): Promise<Caller | null> {
    const key = keyOf(userId, sessionId);
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) {
      cacheLookups.inc({ cache: 'callers', outcome: 'hit' });
      return hit.caller;
    }
    cacheLookups.inc({ cache: 'callers', outcome: 'miss' });
    const before = this.invalidations;
    const caller = await load();
    if (this.invalidations !== before) return caller; // answer this request, but do not keep it
    if (caller) this.set(key, userId, caller);
    else this.delete(key, userId);
    return caller;
  }

  /**
   * After the commit: dropping entries earlier would let a concurrent request cache the old rows
   * again. Awaited before the answer leaves, so other instances hear of it first.
   */
  @OnDomainEvent([UserEvents.Deactivated, UserEvents.RoleChanged], EventPhase.AFTER_COMMIT)
  async onUserChanged(
    event: DomainEvent<typeof UserEvents.Deactivated | typeof UserEvents.RoleChanged>,
  ): Promise<void> {
    for (const { id } of event.payload.records) await this.everywhere({ userId: id });
  }

  @OnDomainEvent([AuthEvents.LoggedOut, AuthEvents.RefreshTokenReused], EventPhase.AFTER_COMMIT)
  async onSessionEnded(
    event: DomainEvent<typeof AuthEvents.LoggedOut | typeof AuthEvents.RefreshTokenReused>,
  ): Promise<void> {
    for (const { id, details } of event.payload.records)
      await this.everywhere({ userId: id, sessionId: details.sessionId ?? undefined });
  }

  private async everywhere(target: Forget): Promise<void> {
    this.forget(target);
    await this.redis
      ?.publish(CHANNEL, target.sessionId ? keyOf(target.userId, target.sessionId) : target.userId)
      .catch((error: Error) => this.logger.warn(`publish: ${error.message}`));
  }

  private forget({ userId, sessionId }: Forget): void {
    this.invalidations++;
    if (sessionId) return this.delete(keyOf(userId, sessionId), userId);
    for (const key of this.byUser.get(userId) ?? []) this.entries.delete(key);
    this.byUser.delete(userId);
  }

  private set(key: string, userId: string, caller: Caller): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest, oldest.split(':')[0]);
    }
    this.entries.set(key, { caller, expiresAt: Date.now() + TTL_MS });
    let keys = this.byUser.get(userId);
    if (!keys) this.byUser.set(userId, (keys = new Set()));
    keys.add(key);
  }

  private delete(key: string, userId: string): void {
    this.entries.delete(key);
    const keys = this.byUser.get(userId);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(userId);
  }
}

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { REDIS } from '../redis/redis.module.js';
import type { UserRecord } from '../users/models/user.model.js';
import { UserEvents } from '../users/users.events.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const CHANNEL = 'crm:caller-invalidated';

/**
 * The users behind recent access tokens, so that AuthGuard does not spend a database round trip on
 * every request. A deactivation or role change drops the entry as soon as its transaction commits
 * — on this instance directly, on the others through Redis. The TTL bounds how long a lost Redis
 * message could keep a stale entry alive.
 */
@Injectable()
export class CallerCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallerCache.name);
  private readonly entries = new Map<string, { user: UserRecord; expiresAt: number }>();
  /** Bumped by every invalidation: a lookup that overlapped one may have read the old row. */
  private invalidations = 0;
  private subscriber?: Redis;

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, userId: string) => this.forget(userId));
    this.subscriber.on('error', (error: Error) =>
      this.logger.warn(`invalidation channel: ${error.message}`),
    );
    await this.subscriber.subscribe(CHANNEL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** The cached user, or whatever `load` finds (then cached). */
  async get(
    userId: string,
    load: (id: string) => Promise<UserRecord | null>,
  ): Promise<UserRecord | null> {
    const hit = this.entries.get(userId);
    if (hit && hit.expiresAt > Date.now()) return hit.user;
    const before = this.invalidations;
    const user = await load(userId);
    if (this.invalidations !== before) return user; // answer this request, but do not keep it
    if (user) this.set(user);
    else this.entries.delete(userId);
    return user;
  }

  private forget(userId: string): void {
    this.invalidations++;
    this.entries.delete(userId);
  }

  /**
   * After the commit: dropping the entry earlier would let a concurrent request cache the old row
   * again. Awaited before the answer leaves, so other instances hear of it first.
   */
  @OnDomainEvent([UserEvents.Deactivated, UserEvents.RoleChanged], EventPhase.AFTER_COMMIT)
  async onUserChanged(
    event: DomainEvent<typeof UserEvents.Deactivated | typeof UserEvents.RoleChanged>,
  ): Promise<void> {
    for (const { id } of event.payload.records) {
      this.forget(id);
      await this.redis
        ?.publish(CHANNEL, id)
        .catch((error: Error) => this.logger.warn(`publish: ${error.message}`));
    }
  }

  private set(user: UserRecord): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(user.id, { user, expiresAt: Date.now() + TTL_MS });
  }
}

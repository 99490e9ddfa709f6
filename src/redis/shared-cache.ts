import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InjectRedis } from './redis.token.js';
import { cacheLookups } from '../common/metrics/cache.metrics.js';

const PREFIX = 'crm:cache:';
/** In-process entries at most (without Redis): the oldest goes first. */
const MAX_LOCAL_ENTRIES = 5_000;

/**
 * Computed values shared by every instance through Redis when REDIS_URL is set, kept in this
 * process otherwise. Keys name what they hold completely (the company, a version): nothing here
 * invalidates, entries only expire. A Redis failure is a miss, never an error.
 */
@Injectable()
export class SharedCache {
  private readonly logger = new Logger(SharedCache.name);
  private readonly local = new Map<string, { json: string; expiresAt: number }>();
  /** Loads under way on this instance: concurrent misses of one key compute it once. */
  private readonly loading = new Map<string, Promise<unknown>>();

  constructor(@InjectRedis() private readonly redis: Redis | null) {}

  /** The value cached under `key`, or what `load` computes, cached for `ttlSeconds`. */
  async get<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    // The key's first part names the cache (`deal-stats:…`): a bounded label.
    const cache = key.split(':', 1)[0];
    const hit = await this.read(PREFIX + key, cache);
    cacheLookups.inc({ cache, outcome: hit === null ? 'miss' : 'hit' });
    if (hit !== null) return JSON.parse(hit) as T;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const loaded = (async () => {
      const value = await load();
      await this.write(PREFIX + key, JSON.stringify(value), ttlSeconds);
      return value;
    })();
    this.loading.set(key, loaded);
    try {
      return await loaded;
    } finally {
      this.loading.delete(key);
    }
  }

  private async read(key: string, cache: string): Promise<string | null> {
    if (this.redis)
      return this.redis.get(key).catch((error: Error) => {
        cacheLookups.inc({ cache, outcome: 'error' });
        this.logger.warn(`read ${key}: ${error.message}`);
        return null;
      });
    const entry = this.local.get(key);
    if (!entry) return null;
    if (entry.expiresAt > Date.now()) return entry.json;
    this.local.delete(key);
    return null;
  }

  private async write(key: string, json: string, ttlSeconds: number): Promise<void> {
    if (this.redis) {
      await this.redis
        .set(key, json, 'EX', ttlSeconds)
        .catch((error: Error) => this.logger.warn(`write ${key}: ${error.message}`));
      return;
    }
    if (this.local.size >= MAX_LOCAL_ENTRIES) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.local.keys().next().value;
      if (oldest !== undefined) this.local.delete(oldest);
    }
    this.local.set(key, { json, expiresAt: Date.now() + ttlSeconds * 1000 });
  }
}

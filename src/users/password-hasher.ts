import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { RateLimitedException } from '../common/errors/app.exception.js';
import { AppConfig } from '../config/app-config.js';

/** How many hashes may wait for a turn before a new one is refused (the server is busy). */
const MAX_WAITING = 100;

/**
 * argon2id with the library's recommended defaults (m=64 MiB, t=3, p=4), a few at a time: a burst
 * of sign-ups or logins waits in a queue instead of taking every libuv thread (shared with file,
 * DNS and crypto work) and 64 MiB apiece at once.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit: LimitFunction;
  // Verified against when the email is unknown, so both paths take the same time.
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.limit = pLimit(config.PASSWORD_HASH_CONCURRENCY);
    this.decoy = this.limit(() =>
      argon2.hash('decoy-password-for-timing', { type: argon2.argon2id }),
    );
  }

  hash(password: string): Promise<string> {
    return this.queued(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const against = hash ?? (await this.decoy);
    return this.queued(() => argon2.verify(against, password).catch(() => false));
  }

  private queued<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.pendingCount >= MAX_WAITING) return Promise.reject(new RateLimitedException(1));
    return this.limit(work);
  }
}

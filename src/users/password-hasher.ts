import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { RateLimitedException } from '../common/errors/app.exception.js';
import { UsersConfig } from './users.config.js';

/** How many hashes may wait for a turn before a new one is refused (the server is busy). */
const MAX_WAITING = 100;

/**
 * argon2id with the library's recommended defaults (m=64 MiB, t=3, p=4), a few at a time: a burst
 * waits in a bounded queue instead of taking every libuv thread (shared with file, DNS and crypto
 * work) and 64 MiB apiece at once. Checking a password (login) and hashing a new one (sign-up,
 * createUser) wait in separate lanes, so a flood of new accounts cannot keep anyone from logging in.
 */
@Injectable()
export class PasswordHasher {
  private readonly hashing: LimitFunction;
  private readonly verifying: LimitFunction;
  // Verified against when the email is unknown, so both paths take the same time.
  private readonly decoy: Promise<string>;

  constructor(config: UsersConfig) {
    const lane = Math.max(1, Math.floor(config.PASSWORD_HASH_CONCURRENCY / 2));
    this.hashing = pLimit(lane);
    this.verifying = pLimit(Math.max(1, config.PASSWORD_HASH_CONCURRENCY - lane));
    this.decoy = this.hashing(() =>
      argon2.hash('decoy-password-for-timing', { type: argon2.argon2id }),
    );
  }

  hash(password: string): Promise<string> {
    return queued(this.hashing, () => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const against = hash ?? (await this.decoy);
    return queued(this.verifying, () => argon2.verify(against, password).catch(() => false));
  }
}

function queued<T>(lane: LimitFunction, work: () => Promise<T>): Promise<T> {
  if (lane.pendingCount >= MAX_WAITING) return Promise.reject(new RateLimitedException(1));
  return lane(work);
}

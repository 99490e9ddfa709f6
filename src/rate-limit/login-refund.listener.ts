import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuthEvents } from '../auth/auth.events.js';
import { DomainEvent } from '../common/events/domain-event.js';
import { loginAccountKey } from './rate-limit.guard.js';
import { RateLimiters } from './rate-limiters.js';

/**
 * The per-account login budget counts failures: a successful login gives its attempt back, so
 * someone signing in on several devices is never locked out of their own account. The per-IP
 * budget keeps counting every attempt: refunding it would let a caller who owns one account
 * interleave their own logins with guesses at others'.
 */
@Injectable()
export class LoginRefundListener {
  private readonly logger = new Logger('RateLimit');

  constructor(private readonly limiters: RateLimiters) {}

  @OnEvent(AuthEvents.LoginSucceeded, { promisify: true, suppressErrors: false })
  async onLoginSucceeded(event: DomainEvent): Promise<void> {
    const email = event.changes?.email;
    if (typeof email !== 'string') return;
    try {
      await this.limiters.loginPerAccount.reward(loginAccountKey(email), 1);
    } catch (error) {
      // A refund lost to a Redis hiccup must not turn a good login into an error.
      this.logger.warn(`login attempt not refunded: ${(error as Error).message}`);
    }
  }
}

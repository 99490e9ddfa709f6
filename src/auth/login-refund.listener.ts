import { Injectable, Logger } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { loginAccountIpKey, loginAccountKey } from '../rate-limit/rate-limit.guard.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { AuthEvents } from './auth.events.js';

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

  @OnDomainEvent(AuthEvents.LoginSucceeded, EventPhase.AFTER_COMMIT)
  async onLoginSucceeded(event: DomainEvent<typeof AuthEvents.LoginSucceeded>): Promise<void> {
    for (const { details } of event.payload.records) {
      try {
        const ip = event.actor.ip ?? '';
        await this.limiters.loginPerAccount.reward(loginAccountIpKey(details.email, ip), 1);
        await this.limiters.loginPerAccountAllIps.reward(loginAccountKey(details.email), 1);
      } catch (error) {
        // A refund lost to a Redis hiccup must not turn a good login into an error.
        this.logger.warn(`login attempt not refunded: ${(error as Error).message}`);
      }
    }
  }
}

import { Injectable } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { UserEvents } from '../users/users.events.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

/** A deactivated user's refresh tokens die with the deactivation (access tokens fail in AuthGuard). */
@Injectable()
export class RevokeSessionsListener {
  constructor(private readonly refreshTokens: RefreshTokenService) {}

  @OnDomainEvent(UserEvents.Deactivated, EventPhase.IN_TRANSACTION)
  async onUserDeactivated(event: DomainEvent<typeof UserEvents.Deactivated>): Promise<void> {
    for (const { id } of event.payload.records)
      await this.refreshTokens.revokeAll(id, event.transaction);
  }
}

import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent } from '../common/events/domain-event.js';
import { UserEvents } from '../users/users.events.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

/** A deactivated user's refresh tokens die with the deactivation (access tokens fail in AuthGuard). */
@Injectable()
export class RevokeSessionsListener {
  constructor(private readonly refreshTokens: RefreshTokenService) {}

  @OnEvent(UserEvents.Deactivated, { promisify: true, suppressErrors: false })
  async onUserDeactivated(event: DomainEvent): Promise<void> {
    if (event.entity.id) await this.refreshTokens.revokeAll(event.entity.id, event.transaction);
  }
}

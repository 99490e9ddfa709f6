import { Injectable } from '@nestjs/common';
import { ActorKind } from '../common/events/actor.js';
import { Accounts } from '../users/accounts.js';
import type { UserCaller } from './auth-context.js';
import { AuthException, AuthReason } from './auth.exception.js';
import { CallerCache } from './caller-cache.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

/** Who an access token speaks for, until when, and in which session. */
export interface Authenticated {
  caller: UserCaller;
  sessionId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * An access token to its caller: signature and expiry, then the user behind it (active, of the
 * token's company) and its session (not logged out or revoked). The user comes from CallerCache,
 * which forgets a user the moment they are deactivated or change role. For HTTP requests
 * (AuthGuard) and sockets alike.
 */
@Injectable()
export class AccessTokenAuthenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly accounts: Accounts,
    private readonly refreshTokens: RefreshTokenService,
    private readonly callers: CallerCache,
  ) {}

  async authenticate(
    token: string,
    meta: { id: string; ip: string | null },
  ): Promise<Authenticated> {
    const { claims, expiresAt } = await this.tokens.verifyWithExpiry(token);
    const caller = await this.callers.get(claims.sub, claims.sid, async () => {
      const [found, sessionLive] = await Promise.all([
        this.accounts.findById(claims.sub),
        this.refreshTokens.isSessionLive(claims.sub, claims.sid),
      ]);
      return found ? { user: found, sessionLive } : null;
    });
    const user = caller?.user;
    if (!user || !caller.sessionLive || !user.isActive || user.companyId !== claims.cid)
      throw new AuthException(AuthReason.INVALID_ACCESS_TOKEN, 'Invalid or expired access token');
    return {
      caller: {
        kind: ActorKind.USER,
        userId: user.id,
        companyId: user.companyId,
        role: user.role,
        requestId: meta.id,
        ip: meta.ip,
      },
      sessionId: claims.sid,
      expiresAt,
    };
  }
}

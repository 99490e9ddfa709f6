import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ActorKind } from '../../common/events/actor.js';
import { Accounts } from '../../users/accounts.js';
import { AuthException, AuthReason } from '../auth.exception.js';
import { CallerCache } from '../caller-cache.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { httpOf } from '../../common/http/request-of.js';
import { AccessTokenService } from '../tokens/access-token.service.js';
import { RefreshTokenService } from '../tokens/refresh-token.service.js';

/**
 * Global: every operation needs a valid access token unless marked @Public(). The user behind the
 * token comes from CallerCache, which forgets a user the moment they are deactivated or change role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly accounts: Accounts,
    private readonly refreshTokens: RefreshTokenService,
    private readonly callers: CallerCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const { req } = httpOf(context);
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw new AuthException(
        AuthReason.MISSING_ACCESS_TOKEN,
        'Missing access token (Authorization: Bearer …)',
      );
    const claims = await this.tokens.verify(match[1]);
    const caller = await this.callers.get(claims.sub, claims.sid, async () => {
      const [found, sessionLive] = await Promise.all([
        this.accounts.callerRecord(claims.sub),
        this.refreshTokens.isSessionLive(claims.sub, claims.sid),
      ]);
      return found ? { user: found, sessionLive } : null;
    });
    const user = caller?.user;
    if (!user || !caller.sessionLive || !user.isActive || user.companyId !== claims.cid) {
      throw new AuthException(AuthReason.INVALID_ACCESS_TOKEN, 'Invalid or expired access token');
    }
    req.auth = {
      kind: ActorKind.USER,
      userId: user.id,
      companyId: user.companyId,
      role: user.role,
      requestId: req.id,
      ip: req.ip,
    };
    return true;
  }
}

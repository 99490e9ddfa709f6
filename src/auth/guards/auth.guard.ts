import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthException, AuthReason } from '../auth.exception.js';
import { AccessTokenAuthenticator } from '../access-token-authenticator.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { noteCaller } from '../../common/http/request-context.js';
import { httpOf } from '../../common/http/request-of.js';

/**
 * Global: every operation needs a valid access token unless marked @Public() (see
 * AccessTokenAuthenticator, which the notification sockets use too).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: AccessTokenAuthenticator,
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
    const { caller } = await this.authenticator.authenticate(match[1], req);
    req.auth = caller;
    noteCaller(caller);
    return true;
  }
}

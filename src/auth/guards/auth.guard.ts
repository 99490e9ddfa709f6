import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedException } from '../../common/errors/app.exception.js';
import { UsersRepository } from '../../users/users.repository.js';
import { CallerCache } from '../caller-cache.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { httpOf } from '../request-of.js';
import { AccessTokenService } from '../tokens/access-token.service.js';

/**
 * Global: every operation needs a valid access token unless marked @Public(). The user behind the
 * token comes from CallerCache, which forgets a user the moment they are deactivated or change role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly users: UsersRepository,
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
      throw new UnauthenticatedException('Missing access token (Authorization: Bearer …)');
    const claims = await this.tokens.verify(match[1]);
    const user = await this.callers.get(claims.sub, (id) => this.users.findRecord(id));
    if (!user || !user.isActive || user.companyId !== claims.cid) {
      throw new UnauthenticatedException('Invalid or expired access token');
    }
    req.auth = {
      userId: user.id,
      companyId: user.companyId,
      role: user.role,
      requestId: req.id,
      ip: req.ip,
    };
    return true;
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedException } from '../../common/errors/app.exception.js';
import { UsersRepository } from '../../users/users.repository.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { httpOf } from '../request-of.js';
import { AccessTokenService } from '../tokens/access-token.service.js';

/**
 * Global: every operation needs a valid access token unless marked @Public(). The user is re-read
 * on each request, so deactivation and role changes apply at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly users: UsersRepository,
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
    const user = await this.users.findRecord(claims.sub);
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

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { httpOf } from '../common/http/request-of.js';
import { REQUIRED_ACTION } from './field-access.js';
import { authorize, type Action } from './permissions.js';

/**
 * Global, after AuthGuard: a root operation or REST route that `@Requires` an action refuses a
 * caller without it (FORBIDDEN, NOT_PERMITTED) before it runs. Nest runs no guard on nested
 * fields (no fieldResolverEnhancers): enforceFieldAccess guards those.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const action = this.reflector.get<Action | undefined>(REQUIRED_ACTION, context.getHandler());
    if (!action) return true;
    const auth = httpOf(context).req.auth;
    if (!auth) throw new UnauthenticatedException();
    authorize(auth, action);
    return true;
  }
}

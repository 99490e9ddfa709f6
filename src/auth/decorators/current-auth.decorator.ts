import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthenticatedException } from '../../common/errors/app.exception.js';
import type { AuthContext, RequestMeta } from '../auth-context.js';
import { httpOf } from '../../common/http/request-of.js';

/** The caller the AuthGuard established. */
export const CurrentAuth = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthContext => {
    const auth = httpOf(context).req.auth;
    if (!auth) throw new UnauthenticatedException();
    return auth;
  },
);

/** Request id and client IP, for public operations. */
export const CurrentRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestMeta => {
    const { req } = httpOf(context);
    return { requestId: req.id, ip: req.ip };
  },
);

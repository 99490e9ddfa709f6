import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedException } from '../common/errors/app.exception.js';
import { httpOf } from '../common/http/request-of.js';
import { clientKey } from './client-key.js';
import {
  LOGIN_RATE_LIMITED,
  SIGNUP_RATE_LIMITED,
  SKIP_RATE_LIMIT,
} from './rate-limit.decorators.js';
import { RateLimiters } from './rate-limiters.js';
import { spend } from './spend.js';

/**
 * Global, before authentication: the general per-IP budget, and the limits of sign-up and login.
 * A GraphQL request has spent its point before it got here (limitGraphQLRequests); a query's
 * fields spend nothing more, as they only read, and every root mutation field after the first —
 * aliased copies included — spends one of its own. A REST request spends one point.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  /** Per request: a REST request's verdict, or how many root mutation fields it has run. */
  private readonly counted = new WeakMap<object, Promise<void>>();
  private readonly mutationFields = new WeakMap<object, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly limiters: RateLimiters,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const { req, reply } = httpOf(context);
    const setRetry = (seconds: number): void => void reply.header('Retry-After', String(seconds));
    // Only worked out when a limit is spent: most GraphQL fields spend none.
    const client = (): string => clientKey(req.ip);
    if (!this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)) {
      if (context.getType<GqlContextType>() === 'graphql') {
        if (isMutation(context)) {
          const seen = this.mutationFields.get(req) ?? 0;
          this.mutationFields.set(req, seen + 1);
          if (seen > 0) await this.consume(this.limiters.api, client(), setRetry);
        }
      } else {
        let verdict = this.counted.get(req);
        if (!verdict) {
          verdict = this.consume(this.limiters.api, client(), setRetry);
          this.counted.set(req, verdict);
        }
        await verdict;
      }
    }
    if (this.reflector.getAllAndOverride<boolean>(SIGNUP_RATE_LIMITED, targets))
      await this.consume(this.limiters.signUpPerIp, client(), setRetry);
    if (this.reflector.getAllAndOverride<boolean>(LOGIN_RATE_LIMITED, targets)) {
      await this.consume(this.limiters.loginPerIp, client(), setRetry);
      const email = loginEmail(context);
      if (email) {
        await this.consume(
          this.limiters.loginPerAccount,
          loginAccountIpKey(email, req.ip),
          setRetry,
        );
        await this.consume(this.limiters.loginPerAccountAllIps, email, setRetry);
      }
    }
    return true;
  }

  private async consume(
    limiter: RateLimiterAbstract,
    key: string,
    onLimited: (seconds: number) => void,
  ): Promise<void> {
    try {
      await spend(limiter, key);
    } catch (error) {
      if (error instanceof RateLimitedException && error.retryAfterSeconds)
        onLimited(error.retryAfterSeconds);
      throw error;
    }
  }
}

function isMutation(context: ExecutionContext): boolean {
  const { operation } = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
  return operation.operation === OperationTypeNode.MUTATION;
}

function loginEmail(context: ExecutionContext): string | null {
  if (context.getType<GqlContextType>() !== 'graphql') return null;
  const input: unknown = GqlExecutionContext.create(context).getArgs<{
    input?: { email?: unknown };
  }>().input;
  const email = (input as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? loginAccountKey(email) : null;
}

/** The per-account login budget's key: the email as typed, trimmed, in any letter case. */
export function loginAccountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The per-account-and-IP budget's key. */
export function loginAccountIpKey(email: string, ip: string): string {
  return `${loginAccountKey(email)}|${clientKey(ip)}`;
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { mapError, toGraphQLError } from './error-mapper.js';

/** Routes every exception through error-mapper: GraphQL errors for resolvers, JSON for REST. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return toGraphQLError(exception);

    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Exceptions that carry their own body (e.g. terminus' 503 readiness report) keep it.
    if (
      exception instanceof HttpException &&
      typeof exception.getResponse() === 'object' &&
      exception.getStatus() === 503
    ) {
      return reply.status(503).send(exception.getResponse());
    }
    const mapped = mapError(exception);
    const internal = mapped.status === 500;
    return reply.status(mapped.status).send({
      // Field messages and the like, as GraphQL errors carry them in `extensions`.
      ...(internal ? {} : mapped.extensions),
      ok: false,
      error: mapped.code,
      reason: mapped.reason,
      message: internal ? 'Internal server error' : mapped.message,
    });
  }
}

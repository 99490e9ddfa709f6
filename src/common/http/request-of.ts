import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLContext } from '../graphql/graphql-context.js';

/** The Fastify request and reply behind a resolver or controller call. */
export function httpOf(context: ExecutionContext): { req: FastifyRequest; reply: FastifyReply } {
  if (context.getType<GqlContextType>() === 'graphql') {
    const { req, reply } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    return { req, reply };
  }
  const http = context.switchToHttp();
  return { req: http.getRequest<FastifyRequest>(), reply: http.getResponse<FastifyReply>() };
}

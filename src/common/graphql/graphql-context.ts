import type { FastifyReply, FastifyRequest } from 'fastify';

/** What every resolver receives as its GraphQL context; built once per request. */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

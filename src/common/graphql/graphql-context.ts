import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerSize } from './answer-size.js';
import type { RequestLoaders } from './loaders.js';

/** What every resolver receives as its GraphQL context; built once per request. */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
  loaders: RequestLoaders;
  /** What the answer's long texts have gathered (common/graphql/answer-size.ts). */
  answer: AnswerSize;
}

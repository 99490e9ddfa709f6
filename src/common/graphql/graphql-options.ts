import type { ApolloServerPlugin } from '@apollo/server';
import type { CompiledApolloDriverConfig } from './jit/compiled-apollo.driver.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformConfig } from '../../config/platform.config.js';
import type { GraphqlConfig } from './graphql.config.js';
import { formatGraphQLError } from './format-error.js';
import type { GraphQLContext } from './graphql-context.js';
import { ideLandingPagePlugin } from './ide.js';
import { operationMetricsPlugin } from './operation-metrics.plugin.js';
import { operationSpanPlugin } from './operation-span.plugin.js';
import { noStorePlugins } from './no-store.plugin.js';
import { queryCostPlugin } from './query-cost.js';
import { answerSizePlugin } from './answer-size.plugin.js';
import { wellFormedTextPlugin } from './well-formed-text.plugin.js';
import { AnswerSize } from './answer-size.js';
import { UnauthenticatedException } from '../errors/app.exception.js';
import type { LoaderRegistry } from './loaders.js';

/** Query limits from graphql-armor: depth, cost, aliases, directives, tokens. */
export function armorFor(config: GraphqlConfig): ReturnType<ApolloArmor['protect']> {
  return new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true, flattenFragments: true },
    // The cost is queryCostPlugin's: armor's counts `first` only when it is a literal.
    costLimit: { enabled: false },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    maxDirectives: { n: 50 },
    maxTokens: { n: 5000 },
    // Suggestions are cut by formatGraphQLError: this plugin rewrites errors in place.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function graphqlOptions(
  config: GraphqlConfig,
  platform: PlatformConfig,
  loaders: LoaderRegistry,
): CompiledApolloDriverConfig {
  const armor = armorFor(config);
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    introspection: config.introspection,
    csrfPrevention: true,
    // One operation per HTTP request: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !platform.isProduction,
    // graphql-armor is CommonJS and types its plugins against Apollo's CJS typings; the objects are the same.
    plugins: [
      // First: its clock starts before the others' work.
      operationMetricsPlugin(),
      operationSpanPlugin(),
      ...(armor.plugins as unknown as ApolloServerPlugin[]),
      queryCostPlugin(config.GRAPHQL_MAX_COST),
      wellFormedTextPlugin(),
      answerSizePlugin() as ApolloServerPlugin,
      ...noStorePlugins(),
      ...(config.ide ? [ideLandingPagePlugin()] : []),
    ],
    validationRules: armor.validationRules,
    formatError: formatGraphQLError(platform.isProduction),
    ...(config.GRAPHQL_JIT
      ? { compiledExecution: { compileAfter: config.GRAPHQL_JIT_AFTER } }
      : {}),
    // Apollo pretty-prints answers by default: two-space indents cost bytes and CPU on every list.
    stringifyResult: (result) => JSON.stringify(result),
    context: (req: FastifyRequest, reply: FastifyReply): GraphQLContext => ({
      req,
      reply,
      loaders: loaders.forRequest(() => {
        if (!req.auth) throw new UnauthenticatedException();
        return req.auth.companyId;
      }),
      answer: new AnswerSize(config.GRAPHQL_MAX_ANSWER_BYTES),
    }),
  };
}

import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLSchema } from 'graphql';
import { CompiledExecution } from './compiled-execution.js';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** The options of the compiled path; absent, Apollo executes with graphql-js. */
export interface CompiledExecutionOptions {
  /** Compile a document the n-th time it runs (1: at once). */
  compileAfter: number;
}

/** The driver's options, with the compiled path's. */
export type CompiledApolloDriverConfig = ApolloDriverConfig & {
  compiledExecution?: CompiledExecutionOptions;
};

/**
 * Apollo Server 5 has no executor option; a gateway is the one way to run requests with another
 * executor while Apollo keeps parsing, validating, caching documents, running the plugins and
 * formatting errors. This one serves the schema Nest generated and executes it compiled.
 */
function compiledGateway(schema: GraphQLSchema, options: CompiledExecutionOptions): Gateway {
  const execution = new CompiledExecution(schema, options.compileAfter);
  let onSchema: Parameters<Gateway['onSchemaLoadOrUpdate']>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      onSchema = callback;
      return () => (onSchema = undefined);
    },
    // Apollo needs the schema before load() resolves (apollo-server #7340).
    load() {
      onSchema?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return Promise.resolve({
        executor: (request) =>
          execution.execute({
            document: request.document,
            operationName: request.operationName,
            variables: request.request.variables,
            contextValue: request.context,
          }),
      });
    },
    stop: () => Promise.resolve(),
  };
}

/** Nest's Apollo driver, giving Apollo the compiled executor when the options ask for it. */
@Injectable()
export class CompiledApolloDriver extends ApolloDriver {
  override registerServer(options: CompiledApolloDriverConfig): Promise<void> {
    const { compiledExecution, ...apollo } = options;
    if (!compiledExecution || !apollo.schema) return super.registerServer(apollo);
    // ApolloDriverConfig does not type `gateway`; the driver spreads its options into
    // new ApolloServer(…), which takes a gateway in place of a schema.
    const gateway = compiledGateway(apollo.schema, compiledExecution);
    return super.registerServer({ ...apollo, schema: undefined, gateway } as ApolloDriverConfig);
  }
}

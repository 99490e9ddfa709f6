import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type Source,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { graphqlExecutions } from './compiled-execution.metrics.js';

/** Documents whose compiled plans are kept (the ones used last). */
export const MAX_COMPILED_DOCUMENTS = 500;

/** One document's operations: compiled, or known not to compile (graphql-js runs them). */
type Compiled = CompiledQuery | 'graphql-js';

export interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  contextValue: unknown;
}

/**
 * GraphQL execution compiled by graphql-jit: a query's plan — which resolvers to call, how to
 * coerce its variables, how to complete each value — is generated once as JavaScript and then
 * run for every request of that document, where graphql-js walks the document again each time.
 *
 * - A document is compiled the `compileAfter`-th time it runs (a query sent once is not worth
 *   the compilation); until then, and for anything graphql-jit cannot compile, graphql-js runs it.
 * - Compiled plans are held per document object (Apollo's document store hands back the same
 *   object for the same query text), for the `maxDocuments` documents used last: a plan is
 *   generated code, far larger than its document, and a client sending ever new documents must
 *   not grow the process without bound.
 * - A request whose variables do not coerce is answered by graphql-js, so that its error reads
 *   as it always has (and Apollo recognises it as BAD_USER_INPUT).
 */
export class CompiledExecution {
  /** Least recently used first (a Map keeps insertion order; a use moves a document last). */
  private readonly plans = new Map<DocumentNode, Map<string, Compiled>>();
  /** How often each document ran; goes with the document when Apollo's store drops it. */
  private readonly sightings = new WeakMap<DocumentNode, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compileAfter: number,
    private readonly maxDocuments = MAX_COMPILED_DOCUMENTS,
  ) {}

  /** Whether the document's operation runs compiled now (for tests and the curious). */
  isCompiled(document: DocumentNode, operationName?: string): boolean {
    const plan = this.plans.get(document)?.get(operationName ?? '');
    return plan !== undefined && plan !== 'graphql-js';
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const plan = this.planFor(request.document, request.operationName ?? undefined);
    if (plan === 'graphql-js') return this.interpreted(request);
    const result = await plan.query(undefined, request.contextValue, request.variables ?? {});
    // No `data` at all: the variables did not coerce (a field error still answers `data`).
    if (!('data' in result)) return this.interpreted(request);
    graphqlExecutions.inc({ engine: 'compiled' });
    return result.errors
      ? { ...result, errors: result.errors.map((e) => asGraphQLError(e, request.document)) }
      : result;
  }

  /** What graphql-js makes of the request: the reference every compiled answer matches. */
  private async interpreted(request: ExecutionRequest): Promise<ExecutionResult> {
    graphqlExecutions.inc({ engine: 'graphql-js' });
    return execute({
      schema: this.schema,
      document: request.document,
      operationName: request.operationName,
      variableValues: request.variables,
      contextValue: request.contextValue,
    });
  }

  private planFor(document: DocumentNode, operationName: string | undefined): Compiled {
    const key = operationName ?? '';
    const byOperation = this.plans.get(document);
    const known = byOperation?.get(key);
    if (byOperation && known) {
      this.keep(document, byOperation);
      return known;
    }
    const seen = (this.sightings.get(document) ?? 0) + 1;
    this.sightings.set(document, seen);
    if (seen < this.compileAfter) return 'graphql-js';
    const plan = this.compile(document, operationName);
    const plans = byOperation ?? new Map<string, Compiled>();
    plans.set(key, plan);
    this.keep(document, plans);
    return plan;
  }

  /** The document's plans, as the ones used last; the least recently used go past the bound. */
  private keep(document: DocumentNode, plans: Map<string, Compiled>): void {
    this.plans.delete(document);
    this.plans.set(document, plans);
    if (this.plans.size > this.maxDocuments) this.plans.delete(this.plans.keys().next().value!);
  }

  private compile(document: DocumentNode, operationName: string | undefined): Compiled {
    try {
      const compiled = compileQuery(this.schema, document, operationName, {
        // Errors of resolvers keep their own stack; jit's own capture costs every failure.
        disablingCapturingStackErrors: true,
      });
      return isCompiledQuery(compiled) ? compiled : 'graphql-js';
    } catch {
      // A document jit cannot compile is still a valid one: graphql-js runs it.
      return 'graphql-js';
    }
  }
}

/**
 * graphql-jit's errors imitate graphql-js's, but read-only and without `extensions` when the
 * thrown error had none, where Apollo and the error mapper expect graphql-js's own: rebuilt as
 * one, at the same place in the document.
 */
function asGraphQLError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  return new GraphQLError(error.message, {
    source,
    positions: source && error.locations?.map((location) => positionOf(source, location)),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** The offset in the document's text of a line and column (both from 1), as graphql-js counts. */
function positionOf(source: Source, { line, column }: SourceLocation): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let start = 0;
  for (let at = 1; at < line && lineBreak.exec(source.body); at++) start = lineBreak.lastIndex;
  return start + column - 1;
}

import { IsOptional } from 'class-validator';
import { ConfigSlice, type ReadSlice } from '../../config/config-slice.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { BooleanVariable, IntVariable } from '../../config/variable.decorators.js';

/** The GraphQL endpoint: what it shows of itself and the limits every query is held to. */
export class GraphqlConfig extends ConfigSlice {
  static override readonly feature = 'graphql';

  @BooleanVariable('schema introspection', { default: 'on, except in production' })
  @IsOptional()
  GRAPHQL_INTROSPECTION?: boolean = undefined;

  @BooleanVariable('the browser IDE at `GET /graphql`', { default: 'on, except in production' })
  @IsOptional()
  GRAPHQL_IDE?: boolean = undefined;

  @IntVariable('deepest query (graphql-armor)', { min: 1 })
  GRAPHQL_MAX_DEPTH = 8;

  @IntVariable('highest query cost: the objects an answer can hold', { min: 1 })
  GRAPHQL_MAX_COST = 50_000;

  /**
   * The largest answer a query may build, counted over its long texts as they resolve: past it
   * the answer is one ANSWER_TOO_LARGE error. Bulk reads are the CSV exports' job.
   */
  @IntVariable(
    'largest answer a query may build, counted over its long texts as they resolve (`ANSWER_TOO_LARGE` beyond)',
    { min: 65_536 },
  )
  GRAPHQL_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  @IntVariable('most aliases in one query (graphql-armor)', { min: 1 })
  GRAPHQL_MAX_ALIASES = 15;

  /**
   * Queries executed by code graphql-jit generates once per document, instead of graphql-js
   * walking the document on every request (common/graphql/jit). Answers and errors are the same
   * either way; CI runs the GraphQL tests in both modes.
   */
  @BooleanVariable('compiled execution of GraphQL documents (graphql-jit); off: graphql-js')
  GRAPHQL_JIT = true;

  @IntVariable('a GraphQL document is compiled the n-th time it runs (1: at once)', { min: 1 })
  GRAPHQL_JIT_AFTER = 2;

  /** Introspection answered (GRAPHQL_INTROSPECTION, else outside production). */
  declare introspection: boolean;
  /** The IDE served (GRAPHQL_IDE, else outside production). */
  declare ide: boolean;

  override settle(read: ReadSlice): undefined {
    const production = read(PlatformConfig).isProduction;
    this.introspection = this.GRAPHQL_INTROSPECTION ?? !production;
    this.ide = this.GRAPHQL_IDE ?? !production;
    return undefined;
  }
}

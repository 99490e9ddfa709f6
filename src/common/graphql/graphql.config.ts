import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../../config/config-slice.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { toBoolean, toInt } from '../../config/string-transforms.js';

/** The GraphQL endpoint: what it shows of itself and the limits every query is held to. */
export class GraphqlConfig extends ConfigSlice {
  static override readonly feature = 'graphql';

  @Variable('schema introspection', { default: 'on, except in production' })
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean = undefined;

  @Variable('the browser IDE at `GET /graphql`', { default: 'on, except in production' })
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  GRAPHQL_IDE?: boolean = undefined;

  @Variable('deepest query (graphql-armor)')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH = 8;

  @Variable('highest query cost: the objects an answer can hold')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 50_000;

  /**
   * The largest answer a query may build, counted over its long texts as they resolve: past it
   * the answer is one ANSWER_TOO_LARGE error. Bulk reads are the CSV exports' job.
   */
  @Variable(
    'largest answer a query may build, counted over its long texts as they resolve (`ANSWER_TOO_LARGE` beyond)',
  )
  @Transform(toInt)
  @IsInt()
  @Min(65_536)
  GRAPHQL_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  @Variable('most aliases in one query (graphql-armor)')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 15;

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

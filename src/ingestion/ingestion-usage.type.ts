import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** The company's use of POST /api/lead against its limits (all its API keys together). */
@ObjectType('IngestionUsage', {
  description:
    'The company’s use of POST /api/lead against its limits (all its API keys together).',
})
export class IngestionUsageType {
  @Field(() => Int, {
    description: 'Submissions counted in the current minute, refused ones included.',
  })
  requestsThisMinute!: number;

  @Field(() => Int, {
    description: 'Submissions allowed per minute (INGEST_COMPANY_LIMIT_PER_MINUTE).',
  })
  requestLimitPerMinute!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the minute’s count starts over; null when nothing was sent in it.',
  })
  requestsResetAt!: Date | null;

  // Bytes can pass GraphQL's 32-bit Int: Float holds them exactly up to 2^53.
  @Field(() => Float, { description: 'Body bytes stored today (UTC).' })
  bytesToday!: number;

  @Field(() => Float, {
    description: 'Body bytes allowed per UTC day (INGEST_COMPANY_BYTES_PER_DAY).',
  })
  byteLimitPerDay!: number;

  @Field({ description: 'The next UTC midnight, when the day’s bytes start over.' })
  bytesResetAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days a settled submission stays in the journal (INGEST_RETENTION_DAYS); null: forever.',
  })
  retentionDays!: number | null;
}

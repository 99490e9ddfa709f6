import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { MAX_ERROR_CHARS } from './raw-leads.repository.js';
import { storableJsonOf } from './submission.js';

/** A submission to POST /api/lead, as the journal keeps it. */
@ObjectType('RawLead', {
  description: 'A submission to POST /api/lead, as the journal keeps it. ADMIN only.',
})
export class RawLeadType {
  @Field(() => ID, { description: 'The submission’s id.' })
  id!: string;

  @Field(() => RawLeadStatus, { description: 'What became of it.' })
  status!: RawLeadStatus;

  /** The stored record: its body is read as text, and parsed, only when a query asks for it. */
  private raw!: RawLeadRecord;

  // Up to the body limit (64 KiB by default): weighed as many values.
  @Field(() => String, { description: 'The body as received, read as UTF-8.' })
  @MaxChars(65_536)
  get body(): string {
    return this.raw.body.toString('utf8');
  }

  @Field(() => GraphQLJSON, { nullable: true, description: 'The body, when it is JSON.' })
  @MaxChars(65_536)
  get payload(): unknown {
    // Only a JSON object is stored as jsonb too; any other JSON is parsed from its bytes.
    return this.raw.payload ?? storableJsonOf(this.raw.body);
  }

  @Field(() => String, {
    nullable: true,
    description: 'The Idempotency-Key header it was sent with, if any.',
  })
  @MaxChars(255)
  idempotencyKey!: string | null;

  @Field({ description: 'SHA-256 of the canonical JSON, or of the bytes when not JSON.' })
  @MaxChars(64)
  fingerprint!: string;

  @Field({ description: 'The id of the request that brought it (X-Request-Id).' })
  @MaxChars(128)
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The sender’s IP address.' })
  @MaxChars(64)
  remoteIp!: string | null;

  @Field(() => String, { nullable: true, description: 'The sender’s User-Agent header.' })
  @MaxChars(1000)
  userAgent!: string | null;

  @Field({ description: 'When it arrived.' })
  receivedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The lead it created, merged into or repeated.' })
  leadId!: string | null;

  @Field(() => [String], { description: 'Lead fields whose value did not fit: kept in body only.' })
  @MaxChars(32)
  omittedFields!: string[];

  @Field(() => String, { nullable: true, description: 'Why it is queued, failed or rejected.' })
  // What the repository keeps of a failure's message (MAX_ERROR_CHARS).
  @MaxChars(MAX_ERROR_CHARS)
  error!: string | null;

  @Field({ description: 'How many times processing was tried.' })
  attempts!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When it reached its outcome; null while RECEIVED or QUEUED.',
  })
  processedAt!: Date | null;

  static from(raw: RawLeadRecord): RawLeadType {
    return Object.assign(new RawLeadType(), {
      raw,
      id: raw.id,
      status: raw.status,
      idempotencyKey: raw.idempotencyKey,
      fingerprint: raw.fingerprint,
      requestId: raw.requestId,
      remoteIp: raw.remoteIp,
      userAgent: raw.userAgent,
      receivedAt: raw.receivedAt,
      leadId: raw.leadId,
      omittedFields: raw.omittedFields,
      error: raw.error,
      attempts: raw.attempts,
      processedAt: raw.processedAt,
    });
  }
}

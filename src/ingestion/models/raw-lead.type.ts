import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Weight } from '../../common/graphql/query-cost.decorators.js';
import { RawLeadStatus } from '../raw-lead-status.enum.js';
import type { RawLeadRecord } from '../raw-leads.repository.js';
import { storableJsonOf } from '../submission.js';

/** A submission to POST /api/lead, as the journal keeps it. */
@ObjectType('RawLead')
export class RawLeadType {
  @Field(() => ID)
  id!: string;

  @Field(() => RawLeadStatus)
  status!: RawLeadStatus;

  // Up to the body limit (64 KiB by default): weighed as many values.
  @Field({ description: 'The body as received, read as UTF-8.' })
  @Weight(50)
  body!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The body, when it is JSON.' })
  @Weight(50)
  payload!: unknown;

  @Field(() => String, { nullable: true })
  idempotencyKey!: string | null;

  @Field({ description: 'SHA-256 of the canonical JSON, or of the bytes when not JSON.' })
  fingerprint!: string;

  @Field()
  requestId!: string;

  @Field(() => String, { nullable: true })
  remoteIp!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field()
  receivedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The lead it created, merged into or repeated.' })
  leadId!: string | null;

  @Field(() => [String], { description: 'Lead fields whose value did not fit: kept in body only.' })
  omittedFields!: string[];

  @Field(() => String, { nullable: true, description: 'Why it is queued, failed or rejected.' })
  error!: string | null;

  @Field()
  attempts!: number;

  @Field(() => Date, { nullable: true })
  processedAt!: Date | null;

  static from(raw: RawLeadRecord): RawLeadType {
    return Object.assign(new RawLeadType(), {
      id: raw.id,
      status: raw.status,
      body: raw.body.toString('utf8'),
      // Only a JSON object is stored as jsonb too; any other JSON is read from its bytes.
      payload: raw.payload ?? storableJsonOf(raw.body),
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

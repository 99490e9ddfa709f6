import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { RawLeadStatus } from './raw-lead-status.enum.js';

/** A submission's columns as the journal keeps them, declared once. */
export const RAW_LEAD_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  apiKeyId: column<string | null>('api_key_id'),
  body: column<Buffer>('body'),
  payload: column<unknown>('payload'),
  idempotencyKey: column<string | null>('idempotency_key'),
  fingerprint: column<string>('fingerprint'),
  requestId: column<string>('request_id'),
  remoteIp: column<string | null>('remote_ip'),
  userAgent: column<string | null>('user_agent'),
  receivedAt: column<Date>('received_at'),
  status: column<RawLeadStatus>('status'),
  leadId: column<string | null>('lead_id'),
  omittedFields: column<string[]>('omitted_fields'),
  error: column<string | null>('error'),
  attempts: column<number>('attempts'),
  processedAt: column<Date | null>('processed_at'),
};

/** A submission as the journal keeps it. */
export type RawLeadRecord = RowOf<typeof RAW_LEAD_COLUMNS>;

/** SELECT list producing a RawLeadRecord from leads_raw. */
export const RAW_LEAD_RECORD_COLUMNS = selectOf(RAW_LEAD_COLUMNS);

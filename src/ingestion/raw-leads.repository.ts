import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { usableKeySql } from '../api-keys/usable-key.js';
import { prepared } from '../database/prepared.js';
import {
  newestFirst,
  RecordList,
  type NewestFirst,
  type RecordListSpec,
} from '../database/record-list.js';
import { Sql } from '../database/sql.js';
import type { RawLeadFilter } from './dto/raw-lead-filter.input.js';
import { LeadRouting } from './lead-routing.enum.js';
import type { RawLeadStatus } from './raw-lead-status.enum.js';
import { RAW_LEAD_RECORD_COLUMNS, type RawLeadRecord } from './raw-lead.record.js';

/** The most of a failure's message a journal row keeps (RawLead.error declares the same). */
export const MAX_ERROR_CHARS = 2000;

/**
 * Only a submission still waiting changes state: a late answer (a lease that ran out while its
 * request was slow) never undoes an outcome another instance has written.
 */
const UNSETTLED = `status IN ('RECEIVED', 'QUEUED', 'FAILED')`;

/** The journal's one order: newest first, on leads_raw_company_page / leads_raw_company_status. */
const NEWEST = newestFirst<RawLeadRecord>('received_at', (r) => r.receivedAt);
export const RAW_LEAD_ORDER = NEWEST.order;

/** The journal, declared once: filtered by status, newest first. Rows are deleted, never marked. */
const RAW_LEAD_LIST: RecordListSpec<RawLeadRecord, RawLeadFilter, NewestFirst> = {
  table: 'leads_raw',
  columns: RAW_LEAD_RECORD_COLUMNS,
  where: (companyId, filter, params) => {
    const where = [`company_id = ${params.add(companyId)}::uuid`];
    if (filter.status?.length) where.push(`status = ANY(${params.add(filter.status)}::text[])`);
    return where;
  },
  sorts: NEWEST.sorts,
  live: null,
};

/** What is stored of a request before anything else is done with it. */
export interface NewRawLead {
  /** The hash of the API key it was sent with, and the scope the key must hold. */
  keyHash: string;
  scope: string;
  body: Buffer;
  /** The body's JSON text, when jsonb can hold it. */
  payload: string | null;
  idempotencyKey: string | null;
  fingerprint: string;
  requestId: string;
  remoteIp: string;
  userAgent: string | null;
  status: RawLeadStatus;
  omittedFields: string[];
  /** Whether this request may claim its idempotency key (it would write a lead). */
  claimKey: boolean;
  /**
   * How long the receiving instance holds a row it is still writing up (RECEIVED): if it dies
   * meanwhile, the reprocessor takes the row once this has passed.
   */
  leaseSeconds: number;
}

/**
 * Where an Idempotency-Key lives: the API key that sent it, in its company (the IETF draft scopes a
 * key to its client). Two forms of one company using the same key are two independent claims.
 */
export interface KeyScope {
  companyId: string;
  apiKeyId: string;
  key: string;
}

/** An idempotency key as the request that claimed it left it. */
export interface KeyClaim {
  fingerprint: string;
  rawId: string;
  leadId: string | null;
  /** Whether the holder ended FAILED (claimOf says; the store statement does not look). */
  holderFailed?: boolean;
}

/** A submission just stored, and what the same statement learnt for the steps after it. */
export interface StoredRaw {
  id: string;
  /** The key that sent it (usableKeySql). */
  key: { id: string; companyId: string; scopes: string[] };
  /** Whether this submission now holds its idempotency key. */
  claimed: boolean;
  /** The claim another submission already held on the key, as committed when this one came. */
  held: Omit<KeyClaim, 'rawId'> | null;
  /** The company's lead routing, read here so that a new lead's assignee costs no round trip. */
  routing: LeadRouting;
}

/**
 * The submission stored (see store): the key authenticated, the row inserted, the idempotency key
 * claimed, the claim another submission holds and the company's routing read.
 */
const STORE = prepared(
  `WITH key AS (${usableKeySql('$1', '$2')}),
   raw AS (
     INSERT INTO leads_raw (company_id, api_key_id, body, payload, idempotency_key, fingerprint,
       request_id, remote_ip, user_agent, status, omitted_fields, locked_until)
     SELECT key."companyId", key.id, $3::bytea, $4::jsonb, $5::text, $6::text, $7::text,
       $8::text, $9::text, $10::text, $11::text[],
       CASE WHEN $10::text = 'RECEIVED' THEN clock_timestamp() + make_interval(secs => $13) END
     FROM key
     RETURNING id, company_id, api_key_id
   ), claim AS (
     INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id)
     SELECT company_id, api_key_id, $5, $6, id FROM raw WHERE $12::boolean AND $5::text IS NOT NULL
     ON CONFLICT DO NOTHING
     RETURNING raw_id
   )
   SELECT raw.id, key.id AS "apiKeyId", key."companyId", key.scopes,
     EXISTS (SELECT 1 FROM claim) AS claimed,
     held.fingerprint AS "heldFingerprint", held.lead_id AS "heldLeadId",
     (SELECT mode FROM ingestion_routing WHERE company_id = key."companyId") AS routing
   FROM raw CROSS JOIN key
   LEFT JOIN leads_idempotency held
     ON held.company_id = key."companyId" AND held.api_key_id = key.id AND held.key = $5`,
);

@Injectable()
export class RawLeadsRepository {
  /** page and count of the journal, and lead.submissions' batch. */
  readonly list: RecordList<RawLeadRecord, RawLeadFilter, NewestFirst>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, RAW_LEAD_LIST);
  }

  /**
   * The raw row, committed on its own, and in the same statement: the API key it is sent with is
   * authenticated (nothing is stored for a key that is not usable: null), its idempotency key
   * claimed when it has one (of many requests racing with one key, exactly one gets `claimed`),
   * the claim another request already holds read, and the company's routing. One round trip, one
   * commit, for everything a submission needs before its lead is written.
   */
  async store(raw: NewRawLead): Promise<StoredRaw | null> {
    const [row] = await this.sql.rows<{
      id: string;
      apiKeyId: string;
      companyId: string;
      scopes: string[];
      claimed: boolean;
      heldFingerprint: string | null;
      heldLeadId: string | null;
      routing: LeadRouting | null;
    }>(STORE, [
      raw.keyHash,
      raw.scope,
      raw.body,
      raw.payload,
      raw.idempotencyKey,
      raw.fingerprint,
      raw.requestId,
      raw.remoteIp,
      raw.userAgent,
      raw.status,
      raw.omittedFields,
      raw.claimKey,
      raw.leaseSeconds,
    ]);
    if (!row) return null;
    return {
      id: row.id,
      key: { id: row.apiKeyId, companyId: row.companyId, scopes: row.scopes },
      claimed: row.claimed,
      // (The statement does not see its own claim: a claim here is another submission's.)
      held: row.heldFingerprint
        ? { fingerprint: row.heldFingerprint, leadId: row.heldLeadId }
        : null,
      routing: row.routing ?? LeadRouting.NOBODY,
    };
  }

  /** Claims a key for a stored submission that holds none yet; true when it now does. */
  async claim(scope: KeyScope, fingerprint: string, rawId: string): Promise<boolean> {
    const rows = await this.sql.rows(
      prepared(
        `INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING raw_id`,
      ),
      [scope.companyId, scope.apiKeyId, scope.key, fingerprint, rawId],
    );
    return rows.length > 0;
  }

  /**
   * Up to `limit` submissions for the reprocessor, leased to it for `leaseSeconds`: queued ones
   * that are due, and RECEIVED ones whose receiving instance let its lease run out (it died
   * mid-way). SKIP LOCKED and the lease let several instances share the queue; a lease that runs
   * out (the instance was killed) frees its rows for the next pass.
   */
  lease(limit: number, leaseSeconds: number): Promise<RawLeadRecord[]> {
    return this.sql.rows<RawLeadRecord>(
      prepared(`UPDATE leads_raw SET locked_until = clock_timestamp() + make_interval(secs => $2),
         attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM leads_raw
         WHERE ((status = 'QUEUED' AND next_attempt_at <= clock_timestamp()) OR status = 'RECEIVED')
           AND (locked_until IS NULL OR locked_until < clock_timestamp())
         ORDER BY received_at LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING ${RAW_LEAD_RECORD_COLUMNS}`),
      [limit, leaseSeconds],
    );
  }

  async claimOf(scope: KeyScope): Promise<KeyClaim | null> {
    const [claim] = await this.sql.rows<KeyClaim>(
      prepared(
        `SELECT i.fingerprint, i.raw_id AS "rawId", i.lead_id AS "leadId",
           r.status = 'FAILED' AS "holderFailed"
         FROM leads_idempotency i JOIN leads_raw r ON r.id = i.raw_id
         WHERE i.company_id = $1 AND i.api_key_id = $2 AND i.key = $3`,
      ),
      [scope.companyId, scope.apiKeyId, scope.key],
    );
    return claim ?? null;
  }

  /**
   * The key handed to `raw` (same payload) from a holder that failed for good, has no lead and
   * is not being run again (its lease is free); true when it now holds it. Of several resends,
   * one takes it: the holder's row is locked, and the others find the new holder is not FAILED.
   * The old holder is queued again, to end as a DUPLICATE of the lead `raw` makes.
   */
  async takeOver(scope: KeyScope, raw: { id: string; fingerprint: string }): Promise<boolean> {
    const rows = await this.sql.rows(
      prepared(
        `WITH old AS (
           SELECT r.id FROM leads_idempotency i JOIN leads_raw r ON r.id = i.raw_id
           WHERE i.company_id = $1 AND i.api_key_id = $5 AND i.key = $2 AND i.fingerprint = $3
             AND i.lead_id IS NULL
             AND r.status = 'FAILED'
             AND (r.locked_until IS NULL OR r.locked_until < clock_timestamp())
           FOR UPDATE
         ), moved AS (
           UPDATE leads_idempotency SET raw_id = $4
           WHERE company_id = $1 AND api_key_id = $5 AND key = $2 AND raw_id IN (SELECT id FROM old)
           RETURNING 1
         ), requeued AS (
           UPDATE leads_raw SET status = 'QUEUED', next_attempt_at = clock_timestamp() + interval '10 seconds',
             error = 'its Idempotency-Key was handed to a later resend'
           WHERE id IN (SELECT id FROM old) AND EXISTS (SELECT 1 FROM moved)
         )
         SELECT 1 FROM moved`,
      ),
      [scope.companyId, scope.key, raw.fingerprint, raw.id, scope.apiKeyId],
    );
    return rows.length > 0;
  }

  /**
   * Inside the lead's transaction: the submission's outcome and its lead, and the lead of its
   * key. Sent, not awaited (Sql.send): the lead's COMMIT carries them.
   */
  link(
    transaction: Transaction,
    raw: { id: string; companyId: string; apiKeyId: string | null; idempotencyKey: string | null },
    status: RawLeadStatus,
    leadId: string,
  ): void {
    this.sql.send(
      transaction,
      prepared(
        `WITH keyed AS (
         UPDATE leads_idempotency SET lead_id = $3
         WHERE company_id = $4 AND api_key_id = $6::uuid AND key = $5::text AND raw_id = $1
       )
       UPDATE leads_raw SET status = $2, lead_id = $3, error = NULL, locked_until = NULL,
         processed_at = clock_timestamp() WHERE id = $1 AND ${UNSETTLED}`,
      ),
      [raw.id, status, leadId, raw.companyId, raw.idempotencyKey, raw.apiKeyId],
    );
  }

  /** An outcome without a lead of its own (a duplicate names the key's lead). */
  async finish(
    id: string,
    status: RawLeadStatus,
    details: { leadId?: string | null; error?: string | null } = {},
  ): Promise<void> {
    await this.sql.rows(
      prepared(
        `UPDATE leads_raw SET status = $2, lead_id = $3, error = $4, locked_until = NULL,
         processed_at = clock_timestamp() WHERE id = $1 AND ${UNSETTLED}`,
      ),
      [id, status, details.leadId ?? null, details.error?.slice(0, MAX_ERROR_CHARS) ?? null],
    );
  }

  /** Left for the reprocessor: tried again after `delaySeconds`. */
  async queue(id: string, error: string, delaySeconds: number): Promise<void> {
    await this.sql.rows(
      prepared(
        `UPDATE leads_raw SET status = 'QUEUED', error = $2, locked_until = NULL,
         next_attempt_at = clock_timestamp() + make_interval(secs => $3)
       WHERE id = $1 AND ${UNSETTLED}`,
      ),
      [id, error.slice(0, MAX_ERROR_CHARS), delaySeconds],
    );
  }

  /**
   * The companies that have a journal: a skip scan of leads_raw_company_page, one index probe per
   * company, instead of reading the whole index for DISTINCT.
   */
  /**
   * What waits in the journal (from its partial index of waiting rows: cheap however large the
   * journal): per waiting status, how many and how old the oldest; and how late the reprocessor
   * is, the longest a queued submission has been due.
   */
  waiting(): Promise<
    { status: string; rows: number; oldestSeconds: number; overdueSeconds: number }[]
  > {
    return this.sql.rows(
      prepared(
        `SELECT status, count(*)::int AS rows,
           COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(received_at)), 0)::float8 AS "oldestSeconds",
           COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(next_attempt_at)
             FILTER (WHERE next_attempt_at <= clock_timestamp())), 0)::float8 AS "overdueSeconds"
         FROM leads_raw WHERE status IN ('RECEIVED', 'QUEUED') GROUP BY status`,
      ),
      [],
    );
  }

  async journalCompanies(): Promise<string[]> {
    const rows = await this.sql.rows<{ companyId: string }>(
      prepared(`WITH RECURSIVE c AS (
         (SELECT company_id FROM leads_raw ORDER BY company_id LIMIT 1)
         UNION ALL
         SELECT (SELECT company_id FROM leads_raw WHERE company_id > c.company_id
                 ORDER BY company_id LIMIT 1)
         FROM c WHERE c.company_id IS NOT NULL
       )
       SELECT company_id AS "companyId" FROM c WHERE company_id IS NOT NULL`),
      [],
    );
    return rows.map((r) => r.companyId);
  }

  /**
   * Up to `limit` of the company's submissions in `statuses` received more than `days` ago,
   * deleted (on leads_raw_company_status); their idempotency claims go with them. Rows another
   * instance is deleting are skipped, not waited for. Returns how many.
   */
  async deleteOlderThan(
    companyId: string,
    statuses: readonly RawLeadStatus[],
    days: number,
    limit: number,
  ): Promise<number> {
    const rows = await this.sql.rows(
      prepared(`DELETE FROM leads_raw WHERE id IN (
         SELECT id FROM leads_raw
         WHERE company_id = $1 AND status = ANY ($2::text[])
           AND received_at < clock_timestamp() - make_interval(days => $3)
         LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id`),
      [companyId, statuses, days, limit],
    );
    return rows.length;
  }

  /** The newest `perLead` submissions of each lead (lead.submissions). */
  latestForLeads(
    companyId: string,
    leadIds: readonly string[],
    perLead: number,
  ): Promise<RawLeadRecord[]> {
    return this.list.latestFor('lead_id', companyId, leadIds, perLead, RAW_LEAD_ORDER);
  }

  async findInCompany(companyId: string, id: string): Promise<RawLeadRecord | null> {
    const [row] = await this.sql.rows<RawLeadRecord>(
      prepared(
        `SELECT ${RAW_LEAD_RECORD_COLUMNS} FROM leads_raw WHERE id = $1 AND company_id = $2`,
      ),
      [id, companyId],
    );
    return row ?? null;
  }
}

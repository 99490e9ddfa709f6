import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * The floors' SQL: what each bench scenario asks of PostgreSQL, with no checks, no validation, no
 * audit row and no transaction, shaped as the API's answer. Both floors run it: the bare HTTP
 * server (bare-server.ts) and the bare pool inside the load generator (run.ts).
 */
export interface BareContext {
  companyId: string;
  adminId: string;
  /** The INGEST key the API's ingestion scenarios send. */
  apiKeyId: string;
  deep: { createdAt: string; id: string };
}

/** A request as the API receives it: its body's text and its headers (names lower-case). */
export interface BareRequest {
  body: string;
  headers: Record<string, string | undefined>;
}

/** An answer other than 200 (the floors of POST /api/lead answer 201 and 409 as the API does). */
export class BareStatus {
  constructor(
    readonly code: number,
    readonly body: unknown,
  ) {}
}

type Handler = (pool: pg.Pool, ctx: BareContext, request: BareRequest) => Promise<unknown>;

/** The GraphQL request's variables. */
const variables = (request: BareRequest): Record<string, unknown> =>
  (JSON.parse(request.body) as { variables?: Record<string, unknown> }).variables ?? {};

const PAGE = 'SELECT * FROM leads WHERE company_id = $1 AND deleted_at IS NULL';
const SEARCH = 'search_text LIKE lower($2)';

interface LeadRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  budget: string | null;
  location: string | null;
  status: string;
  created_at: Date;
}

/** The fields the bench's lead pages select, as the API names them. */
const lead = (r: LeadRow): Record<string, unknown> => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  phone: r.phone,
  budget: r.budget === null ? null : Number(r.budget),
  location: r.location,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

const leads = (rows: LeadRow[]) => ({ data: { leads: rows.slice(0, 50).map(lead) } });

interface DealRow {
  id: string;
  title: string;
  value: string | null;
  currency: string;
  stage: string;
  priority: string;
  lead_score: number;
  expected_close_date: Date | null;
  created_at: Date;
}

/** The fields the bench's deal pages select, as the API names them. */
const deal = (r: DealRow): Record<string, unknown> => ({
  id: r.id,
  title: r.title,
  value: r.value,
  currency: r.currency,
  stage: r.stage,
  priority: r.priority,
  leadScore: r.lead_score,
  expectedCloseDate: r.expected_close_date?.toISOString().slice(0, 10) ?? null,
  createdAt: r.created_at.toISOString(),
});

const deals = (rows: DealRow[]) => ({ data: { deals: rows.slice(0, 50).map(deal) } });

const DEAL_SELECT =
  'SELECT id, title, value, currency, stage, priority, lead_score, expected_close_date, created_at FROM deals';
const DEALS = `${DEAL_SELECT} WHERE company_id = $1 AND deleted_at IS NULL`;
/** Every word of the search as a prefix, as the API's DealsRepository builds it. */
const DEAL_SEARCH = `search_vector @@ to_tsquery('simple',
  (SELECT string_agg(quote_literal(lexeme) || ':*', ' & ') FROM
    (SELECT lexeme FROM unnest(to_tsvector('simple', $2)) LIMIT 8) w))`;

/** Each scenario's SQL and the JSON the API answers with; `body` is the API request's. */
export const BARE_SQL: Record<string, Handler> = {
  // The caller's own row: what every request needs besides its own work.
  me: async (pool, ctx) => {
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM users WHERE id = $1 AND company_id = $2',
      [ctx.adminId, ctx.companyId],
    );
    return { data: { me: { id: rows[0].id } } };
  },
  'first-page': async (pool, ctx) =>
    leads(
      (
        await pool.query<LeadRow>(`${PAGE} ORDER BY created_at DESC, id DESC LIMIT 51`, [
          ctx.companyId,
        ])
      ).rows,
    ),
  depth: async (pool, ctx) =>
    leads(
      (
        await pool.query<LeadRow>(
          `${PAGE} AND (created_at, id) < ($2::timestamptz, $3::uuid) ORDER BY created_at DESC, id DESC LIMIT 51`,
          [ctx.companyId, ctx.deep.createdAt, ctx.deep.id],
        )
      ).rows,
    ),
  filtered: async (pool, ctx) =>
    leads(
      (
        await pool.query<LeadRow>(
          `${PAGE} AND status = ANY($2::text[]) AND budget >= 100000 ORDER BY coalesce(budget, -1) DESC, id DESC LIMIT 51`,
          [ctx.companyId, ['QUALIFIED', 'CONTACTED']],
        )
      ).rows,
    ),
  search: async (pool, ctx, request) => {
    const s = variables(request).s;
    const term = `%${typeof s === 'string' ? s : ''}%`;
    const probe = await pool.query<LeadRow>(
      `SELECT l.* FROM (SELECT * FROM (SELECT id, search_text, created_at AS k FROM leads WHERE company_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 4000) w
       WHERE ${SEARCH} ORDER BY k DESC, id DESC LIMIT 51) m JOIN leads l USING (id) ORDER BY m.k DESC, m.id DESC`,
      [ctx.companyId, term],
    );
    if (probe.rows.length >= 51) return leads(probe.rows);
    const all = await pool.query<LeadRow>(
      `WITH found AS MATERIALIZED (SELECT id, created_at AS k FROM leads WHERE company_id = $1 AND deleted_at IS NULL AND ${SEARCH})
       SELECT l.* FROM (SELECT * FROM found ORDER BY k DESC, id DESC LIMIT 51) m JOIN leads l USING (id) ORDER BY m.k DESC, m.id DESC`,
      [ctx.companyId, term],
    );
    return leads(all.rows);
  },
  'deals-filtered': async (pool, ctx) =>
    deals(
      (
        await pool.query<DealRow>(
          `${DEALS} AND stage = ANY($2::text[]) AND coalesce(value, -1) >= 50000 ORDER BY coalesce(value, -1) DESC, id DESC LIMIT 51`,
          [ctx.companyId, ['QUALIFIED', 'NEGOTIATION']],
        )
      ).rows,
    ),
  // As the API searches: the newest 3 000 deals first, the search index when they hold too few.
  'deals-search': async (pool, ctx, request) => {
    const s = variables(request).s;
    const term = typeof s === 'string' ? s : '';
    const probe = await pool.query<DealRow>(
      `SELECT m.* FROM (SELECT id, search_vector, created_at AS k FROM deals WHERE company_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 3000) w
       JOIN LATERAL (${DEAL_SELECT} d WHERE d.id = w.id) m ON true
       WHERE ${DEAL_SEARCH} ORDER BY w.k DESC, w.id DESC LIMIT 51`,
      [ctx.companyId, term],
    );
    if (probe.rows.length >= 51) return deals(probe.rows);
    return deals(
      (
        await pool.query<DealRow>(
          `WITH found AS MATERIALIZED (SELECT id, created_at AS k FROM deals WHERE company_id = $1 AND deleted_at IS NULL AND ${DEAL_SEARCH})
           SELECT d.id, d.title, d.value, d.currency, d.stage, d.priority, d.lead_score, d.expected_close_date, d.created_at FROM (SELECT * FROM found ORDER BY k DESC, id DESC LIMIT 51) m JOIN deals d USING (id) ORDER BY m.k DESC, m.id DESC`,
          [ctx.companyId, term],
        )
      ).rows,
    );
  },
  nested: async (pool, ctx) => {
    const page = (
      await pool.query<LeadRow>(`${PAGE} ORDER BY created_at DESC, id DESC LIMIT 51`, [
        ctx.companyId,
      ])
    ).rows.slice(0, 50);
    const { rows } = await pool.query<{
      id: string;
      lead_id: string;
      type: string;
      date: Date;
      notes: string | null;
    }>(
      `SELECT i.* FROM unnest($1::uuid[]) AS l(id) CROSS JOIN LATERAL (SELECT * FROM interactions WHERE lead_id = l.id AND company_id = $2 ORDER BY date DESC, id DESC LIMIT 50) i`,
      [page.map((l) => l.id), ctx.companyId],
    );
    const byLead = new Map<string, unknown[]>(page.map((l) => [l.id, []]));
    for (const i of rows)
      byLead
        .get(i.lead_id)
        ?.push({ id: i.id, type: i.type, date: i.date.toISOString(), notes: i.notes });
    return { data: { leads: page.map((l) => ({ ...lead(l), interactions: byLead.get(l.id) })) } };
  },
  createLead: async (pool, ctx, request) => {
    const input = (variables(request).i ?? {}) as { email?: string };
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO leads (company_id, first_name, last_name, email, budget) VALUES ($1, 'Bench', 'Create', $2, 1000) RETURNING id`,
      [ctx.companyId, input.email],
    );
    return { data: { createLead: { id: rows[0].id } } };
  },
  createInteraction: async (pool, ctx, request) => {
    const input = (variables(request).i ?? {}) as { leadId?: string };
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO interactions (company_id, lead_id, type, date, notes, created_by_id) VALUES ($1, $2, 'CALL', now(), 'Called.', $3) RETURNING id`,
      [ctx.companyId, input.leadId, ctx.adminId],
    );
    return { data: { createInteraction: { id: rows[0].id } } };
  },
  updateLead: async (pool, ctx, request) => {
    const input = (variables(request).i ?? {}) as { id?: string; location?: string };
    const { rows } = await pool.query<{ id: string }>(
      `UPDATE leads SET location = $3, updated_at = now() WHERE id = $1 AND company_id = $2 RETURNING id`,
      [input.id, ctx.companyId, input.location],
    );
    return { data: { updateLead: { id: rows[0]?.id ?? null } } };
  },
  updateDeal: async (pool, ctx, request) => {
    const input = (variables(request).i ?? {}) as { id?: string; value?: string };
    const { rows } = await pool.query<{ id: string }>(
      `UPDATE deals SET value = $3, updated_at = now() WHERE id = $1 AND company_id = $2 RETURNING id`,
      [input.id, ctx.companyId, input.value],
    );
    return { data: { updateDeal: { id: rows[0]?.id ?? null } } };
  },
  addComment: async (pool, ctx, request) => {
    const input = (variables(request).i ?? {}) as { leadId?: string; body?: string };
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO comments (company_id, lead_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
      [ctx.companyId, input.leadId, ctx.adminId, input.body],
    );
    return { data: { addComment: { id: rows[0].id } } };
  },
  ingest: async (pool, ctx, request) => {
    const raw = await storeRaw(pool, ctx, request);
    const lead = JSON.parse(request.body) as Record<string, string>;
    // The lead, its audit row and the journal's links: one statement, one commit.
    const { rows } = await pool.query<{ id: string }>(
      `WITH lead AS (
         INSERT INTO leads (company_id, first_name, last_name, email, phone, country, source, attribution)
         VALUES ($1, $2, $3, lower($4), $5, $6, $13, $7::jsonb) RETURNING id
       ), audit AS (
         INSERT INTO audit_logs (company_id, actor_kind, actor_api_key_id, action, entity_type, entity_id, changes, request_id)
         SELECT $1, 'api_key', $8, 'lead.created', 'lead', id, $9::jsonb, $10 FROM lead
       ), linked AS (
         UPDATE leads_raw SET status = 'PROCESSED', lead_id = (SELECT id FROM lead), locked_until = NULL,
           processed_at = clock_timestamp() WHERE id = $11
       ), keyed AS (
         UPDATE leads_idempotency SET lead_id = (SELECT id FROM lead)
           WHERE company_id = $1 AND api_key_id = $8 AND key = $12
       )
       SELECT id FROM lead`,
      [
        ctx.companyId,
        lead.firstName,
        lead.lastName,
        lead.email,
        lead.phone,
        lead.country,
        JSON.stringify({ clickId: lead.click_id, offer: lead.offer }),
        ctx.apiKeyId,
        JSON.stringify({ email: [null, lead.email] }),
        raw.requestId,
        raw.id,
        request.headers['idempotency-key'],
        lead.sourcetype,
      ],
    );
    return new BareStatus(201, { ok: true, lead_id: rows[0].id, raw_id: raw.id });
  },
  // Every request after the first with one key and body: stored, then answered with the key's lead.
  'ingest-storm': async (pool, ctx, request) => {
    const raw = await storeRaw(pool, ctx, request);
    const { rows } = await pool.query<{ lead_id: string }>(
      `UPDATE leads_raw SET status = 'DUPLICATE', processed_at = clock_timestamp(), locked_until = NULL,
         lead_id = (SELECT lead_id FROM leads_idempotency
                    WHERE company_id = $2 AND api_key_id = $4 AND key = $3)
       WHERE id = $1 RETURNING lead_id`,
      [raw.id, ctx.companyId, request.headers['idempotency-key'], ctx.apiKeyId],
    );
    return new BareStatus(409, { ok: true, lead_id: rows[0].lead_id, deduplicated: true });
  },
};

/**
 * What POST /api/lead must commit before anything else: the request, and the claim of its key,
 * for a key that authenticates. Autocommit: the journal row is durable before the lead is written.
 */
async function storeRaw(
  pool: pg.Pool,
  ctx: BareContext,
  request: BareRequest,
): Promise<{ id: string; requestId: string }> {
  const requestId =
    request.headers['x-request-id'] ?? createHash('sha1').update(request.body).digest('hex');
  const { rows } = await pool.query<{ id: string }>(
    `WITH key AS (
       SELECT id FROM api_keys WHERE key_hash = $8 AND company_id = $1 AND revoked_at IS NULL
     ), raw AS (
       INSERT INTO leads_raw (company_id, api_key_id, body, payload, idempotency_key, fingerprint,
         request_id, remote_ip, status, locked_until)
       SELECT $1::uuid, $2::uuid, $3::bytea, $4::jsonb, $5::text, $6::text, $7::text, '127.0.0.1', 'RECEIVED',
         clock_timestamp() + interval '60 seconds'
       FROM key
       RETURNING id
     ), claim AS (
       INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id)
       SELECT $1, $2, $5, $6, id FROM raw WHERE $5::text IS NOT NULL ON CONFLICT DO NOTHING
     )
     SELECT id FROM raw`,
    [
      ctx.companyId,
      ctx.apiKeyId,
      Buffer.from(request.body),
      request.body,
      request.headers['idempotency-key'] ?? null,
      createHash('sha256').update(request.body).digest('hex'),
      requestId,
      createHash('sha256')
        .update(request.headers['x-api-key'] ?? '')
        .digest('hex'),
    ],
  );
  return { id: rows[0].id, requestId };
}

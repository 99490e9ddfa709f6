import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared } from '../../database/prepared.js';
import { Sql } from '../../database/sql.js';
import type { InteractionKind } from '../../interactions/interaction-kind.enum.js';
import type { LeadFacts } from './summary-provider.js';

/** A lead's summary as lead_summaries holds it (migration 0011). */
export interface LeadSummaryRecord {
  leadId: string;
  summary: string;
  provider: string;
  generatedAt: Date;
}

/**
 * How many of a lead's latest interactions a summary is written from, and how much of each note:
 * all the provider is sent (docs/features/scoring.md, "Summaries"), however many interactions a lead has and however
 * long their notes (up to 10 000 characters each). The lead's own text fields are bounded by their
 * CHECK constraints (names 100 characters, source 100, location 200: migration 0002).
 */
export const SUMMARY_INTERACTIONS = 10;
export const SUMMARY_NOTE_CHARS = 500;

const FIND = prepared(
  `SELECT lead_id AS "leadId", summary, provider, generated_at AS "generatedAt"
   FROM lead_summaries WHERE company_id = $1 AND lead_id = ANY($2::uuid[])`,
);

/**
 * The live lead, its score and its latest interactions (interactions_by_lead), in one statement.
 * Notes are cut here, not in TypeScript: left() fetches only the first chunks of a long (TOASTed)
 * note, so what is not sent is not read either.
 */
const FACTS = prepared(
  `SELECT l.first_name AS "firstName", l.last_name AS "lastName", l.status, l.source,
     l.budget::text AS budget, l.location, l.created_at AS "createdAt", s.activity_score AS "activityScore",
     coalesce((
       SELECT json_agg(json_build_object('type', i.type, 'date', i.date, 'notes', i.notes)
                       ORDER BY i.date DESC, i.id DESC)
       FROM (SELECT type, date, left(notes, ${SUMMARY_NOTE_CHARS}) AS notes, id FROM interactions
             WHERE company_id = l.company_id AND lead_id = l.id
             ORDER BY date DESC, id DESC LIMIT ${SUMMARY_INTERACTIONS}) i
     ), '[]') AS interactions
   FROM leads l JOIN lead_scores s ON s.company_id = l.company_id AND s.lead_id = l.id
   WHERE l.company_id = $1 AND l.id = $2 AND l.deleted_at IS NULL`,
);

/** Written only while the lead is live; the newer summary wins over one generated before it. */
const WRITE = prepared(
  `INSERT INTO lead_summaries (company_id, lead_id, summary, provider, generated_at)
   SELECT company_id, id, $3, $4, $5 FROM leads
   WHERE company_id = $1 AND id = $2 AND deleted_at IS NULL
   ON CONFLICT (company_id, lead_id) DO UPDATE
     SET summary = EXCLUDED.summary, provider = EXCLUDED.provider, generated_at = EXCLUDED.generated_at
     WHERE lead_summaries.generated_at <= EXCLUDED.generated_at
   RETURNING lead_id`,
);

interface FactsRow extends Omit<LeadFacts, 'interactions'> {
  interactions: { type: InteractionKind; date: string; notes: string | null }[];
}

@Injectable()
export class LeadSummariesRepository {
  constructor(private readonly sql: Sql) {}

  find(companyId: string, leadIds: readonly string[]): Promise<LeadSummaryRecord[]> {
    return this.sql.rows<LeadSummaryRecord>(FIND, [companyId, leadIds]);
  }

  async facts(companyId: string, leadId: string): Promise<LeadFacts | null> {
    const [row] = await this.sql.rows<FactsRow>(FACTS, [companyId, leadId]);
    if (!row) return null;
    return {
      ...row,
      interactions: row.interactions.map((i) => ({ ...i, date: new Date(i.date) })),
    };
  }

  /** False when the lead is no longer live (or a newer summary was written meanwhile). */
  async write(
    transaction: Transaction,
    companyId: string,
    leadId: string,
    summary: { text: string; provider: string; at: Date },
  ): Promise<boolean> {
    const rows = await this.sql.rows(
      WRITE,
      [companyId, leadId, summary.text, summary.provider, summary.at],
      transaction,
    );
    return rows.length > 0;
  }
}

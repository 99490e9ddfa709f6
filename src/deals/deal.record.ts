import type { DealPriority, DealStage } from './deal-enums.js';

/** A deal's columns as plain data. `value` is numeric's exact text ("1250.50"). */
export interface DealRecord {
  id: string;
  companyId: string;
  title: string;
  value: string | null;
  currency: string;
  stage: DealStage;
  priority: DealPriority;
  leadScore: number;
  leadSource: string | null;
  expectedCloseDate: string | null;
  closedAt: Date | null;
  notes: string | null;
  leadId: string | null;
  assignedToId: string | null;
  createdById: string | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** SELECT list producing a DealRecord from the deals table. */
export const DEAL_RECORD_COLUMNS = `id, company_id AS "companyId", title, value::text AS value, currency, stage,
  priority, lead_score AS "leadScore", lead_source AS "leadSource",
  to_char(expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate", closed_at AS "closedAt", notes,
  lead_id AS "leadId", assigned_to_id AS "assignedToId", created_by_id AS "createdById",
  deleted_at AS "deletedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

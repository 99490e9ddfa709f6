import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { DealPriority, DealStage } from './deal-enums.js';

/** A deal's columns, declared once: the row type and the SELECT list follow from it. */
export const DEAL_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  title: column<string>('title'),
  /** numeric's exact text ("1250.50"). */
  value: column<string | null>('value::text'),
  currency: column<string>('currency'),
  stage: column<DealStage>('stage'),
  priority: column<DealPriority>('priority'),
  leadScore: column<number>('lead_score'),
  leadSource: column<string | null>('lead_source'),
  expectedCloseDate: column<string | null>("to_char(expected_close_date, 'YYYY-MM-DD')"),
  closedAt: column<Date | null>('closed_at'),
  notes: column<string | null>('notes'),
  leadId: column<string | null>('lead_id'),
  assignedToId: column<string | null>('assigned_to_id'),
  createdById: column<string | null>('created_by_id'),
  deletedAt: column<Date | null>('deleted_at'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
};

/** A deal's columns as plain data. */
export type DealRecord = RowOf<typeof DEAL_COLUMNS>;

/** SELECT list producing a DealRecord from the deals table. */
export const DEAL_RECORD_COLUMNS = selectOf(DEAL_COLUMNS);

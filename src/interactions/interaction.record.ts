import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { InteractionKind } from './interaction-kind.enum.js';

/** An interaction's columns, declared once: the row type and the SELECT list follow from it. */
export const INTERACTION_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  leadId: column<string>('lead_id'),
  type: column<InteractionKind>('type'),
  date: column<Date>('date'),
  notes: column<string | null>('notes'),
  createdById: column<string | null>('created_by_id'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
};

/** An interaction's columns as plain data. */
export type InteractionRecord = RowOf<typeof INTERACTION_COLUMNS>;

/** SELECT list producing an InteractionRecord from the interactions table. */
export const INTERACTION_RECORD_COLUMNS = selectOf(INTERACTION_COLUMNS);

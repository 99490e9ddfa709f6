import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { LeadStatus } from './lead-status.enum.js';

/** A lead's columns, declared once: the row type and the SELECT list follow from it. */
export const LEAD_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  firstName: column<string>('first_name'),
  lastName: column<string>('last_name'),
  email: column<string>('email'),
  phone: column<string | null>('phone'),
  /** numeric(12,2): PostgreSQL returns it as a string, kept exact until it leaves the API. */
  budget: column<string | null>('budget'),
  location: column<string | null>('location'),
  status: column<LeadStatus>('status'),
  assignedToId: column<string | null>('assigned_to_id'),
  source: column<string | null>('source'),
  attribution: column<Record<string, unknown> | null>('attribution'),
  /** As the sender gave it (ingestion): a name or a code. */
  country: column<string | null>('country'),
  language: column<string | null>('language'),
  deletedAt: column<Date | null>('deleted_at'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
};

/** A lead's columns as plain data. */
export type LeadRecord = RowOf<typeof LEAD_COLUMNS>;

/** SELECT list producing a LeadRecord from the leads table (or a subquery of it). */
export const LEAD_RECORD_COLUMNS = selectOf(LEAD_COLUMNS);

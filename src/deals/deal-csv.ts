import { isoInstant, safeText } from '../common/csv/csv-columns.js';

/** The export's columns, in order, as PostgreSQL computes them for COPY … (FORMAT csv, HEADER). */
export const DEAL_EXPORT_SELECT = [
  'id AS "id"',
  safeText('title', 'title'),
  'value AS "value"',
  'currency AS "currency"',
  'stage AS "stage"',
  'priority AS "priority"',
  'lead_score AS "leadScore"',
  safeText('lead_source', 'leadSource'),
  `to_char(expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate"`,
  isoInstant('closed_at', 'closedAt'),
  safeText('notes', 'notes'),
  'lead_id AS "leadId"',
  'assigned_to_id AS "assignedToId"',
  'created_by_id AS "createdById"',
  isoInstant('created_at', 'createdAt'),
  isoInstant('updated_at', 'updatedAt'),
].join(', ');

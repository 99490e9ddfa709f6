import { isoInstant, safeText } from '../common/csv/csv-columns.js';

/** The export's columns, in order, as PostgreSQL computes them for COPY … (FORMAT csv, HEADER). */
export const EXPORT_SELECT = [
  'id AS "id"',
  safeText('first_name', 'firstName'),
  safeText('last_name', 'lastName'),
  safeText('email', 'email'),
  safeText('phone', 'phone'),
  'budget AS "budget"',
  safeText('location', 'location'),
  'status AS "status"',
  'assigned_to_id AS "assignedToId"',
  safeText('source', 'source'),
  isoInstant('created_at', 'createdAt'),
  isoInstant('updated_at', 'updatedAt'),
].join(', ');

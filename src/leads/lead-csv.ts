import { stringify, type Stringifier } from 'csv-stringify';

/** Row shape of the export query (snake_case, straight from PostgreSQL). */
export interface LeadCsvRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  budget: string | null;
  location: string | null;
  status: string;
  assigned_to_id: string | null;
  source: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS: [keyof LeadCsvRow, string][] = [
  ['id', 'id'],
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['budget', 'budget'],
  ['location', 'location'],
  ['status', 'status'],
  ['assigned_to_id', 'assignedToId'],
  ['source', 'source'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
];

/** The column list the export query selects, in CSV order. */
export const EXPORT_COLUMNS = COLUMNS.map(([column]) => column).join(', ');

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula; a leading apostrophe
 * makes it text (OWASP's CSV injection advice). "+1 555…" phone numbers are prefixed too.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV (CRLF, quoted when needed) with a header row. */
export function leadCsvStringifier(): Stringifier {
  return stringify({
    header: true,
    record_delimiter: 'windows',
    // RFC 4180: a field holding a bare CR or LF must be quoted too, not only one holding CRLF.
    quoted_match: /[\r\n]/,
    columns: COLUMNS.map(([key, header]) => ({ key, header })),
    cast: {
      string: (value) => neutralizeFormula(value),
      date: (value) => value.toISOString(),
    },
  });
}

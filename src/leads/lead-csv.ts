import { Transform, type TransformCallback } from 'node:stream';

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula; a leading apostrophe
 * makes it text (OWASP's CSV injection advice). "+1 555…" phone numbers are prefixed too.
 */
function safeText(column: string, header: string): string {
  // Code points of - = + @ tab CR: ascii() reads the first character, at a third of a regex's cost.
  return `CASE WHEN ascii(${column}) IN (45, 61, 43, 64, 9, 13) THEN '''' || ${column} ELSE ${column} END AS "${header}"`;
}

const iso = (column: string, header: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${header}"`;

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
  iso('created_at', 'createdAt'),
  iso('updated_at', 'updatedAt'),
].join(', ');

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * PostgreSQL ends CSV records with LF; RFC 4180 wants CRLF. A line feed inside a quoted field is
 * data and stays as it is, so the quoting state is followed across chunks.
 */
export class CrlfRecords extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let extra = 0;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === LF) extra++;
    if (extra === 0 && !chunk.includes(QUOTE)) return done(null, chunk);
    const out = Buffer.allocUnsafe(chunk.length + extra);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      // A doubled quote inside a field toggles twice: the state stays right without lookahead.
      if (byte === QUOTE) this.quoted = !this.quoted;
      else if (byte === LF && !this.quoted && (i === 0 || chunk[i - 1] !== CR)) out[o++] = CR;
      out[o++] = byte;
    }
    done(null, out.subarray(0, o));
  }
}

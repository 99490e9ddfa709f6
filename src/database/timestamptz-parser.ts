import pg from 'pg';

// The oid of timestamptz (pg.types.builtins is untyped).
const TIMESTAMPTZ = 1184;
const [DASH, SPACE, ZERO] = ['-', ' ', '0'].map((c) => c.charCodeAt(0));
// pg-types ships its typings outside our dependency tree, so the parser reads as `any`.
const generic = pg.types.getTypeParser(TIMESTAMPTZ) as (text: string) => unknown;

/**
 * A timestamptz as PostgreSQL writes it to a UTC session (Sequelize sets the session time zone):
 * `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, read digit by digit into Date.UTC: about 0.1 µs against the
 * generic parser's 0.45 (a page of leads with their interactions holds close to a thousand of
 * them). Any other shape (another offset, BC, infinity, years before 100) takes the generic path.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (
    n < 22 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(10) !== SPACE ||
    !text.endsWith('+00')
  ) {
    return generic(text) as Date;
  }
  const digit = (i: number): number => text.charCodeAt(i) - ZERO;
  const two = (i: number): number => digit(i) * 10 + digit(i + 1);
  const year = two(0) * 100 + two(2);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100) return generic(text) as Date;
  let ms = 0;
  // Fraction digits sit between the '.' at 19 and the '+00'; milliseconds keep the first three.
  for (let i = 20, scale = 100; i < n - 3 && scale >= 1; i++, scale /= 10) ms += digit(i) * scale;
  return new Date(Date.UTC(year, two(5) - 1, two(8), two(11), two(14), two(17), ms));
}

/** For every connection of this process, the application's and any bare pg client's alike. */
export function useTimestamptzParser(): void {
  pg.types.setTypeParser(TIMESTAMPTZ, parseTimestamptz);
}

import pg from 'pg';
import { parseTimestamptz } from './timestamptz-parser.js';

describe('parseTimestamptz', () => {
  const generic = pg.types.getTypeParser(1184);

  it.each([
    '2026-11-22 03:08:55+00',
    '2026-11-22 03:08:55.1+00',
    '2026-11-22 03:08:55.123+00',
    '2026-11-22 03:08:55.123456+00',
    '2026-11-22 03:08:55.999999+00',
    '2024-02-29 23:59:59.05+00',
    '2026-12-31 00:00:00.000001+00',
    '1990-01-01 00:00:00+00',
    '0099-12-31 23:59:59.999+00',
    '2026-11-22 03:08:55.5+05:30',
    '2026-11-22 03:08:55-03',
    '2026-11-22 03:08:55+00:00:30',
    '0044-03-15 12:00:00+00 BC',
    '12026-11-22 03:08:55+00',
  ])('reads %s as the generic parser does', (text) => {
    const sut = parseTimestamptz(text);
    expect(sut).toBeInstanceOf(Date);
    expect(sut.getTime()).toBe((generic(text) as Date).getTime());
  });

  it('passes infinity through as the generic parser does', () => {
    expect(parseTimestamptz('infinity')).toEqual(generic('infinity'));
  });

  it('agrees with the generic parser on a thousand random instants of 1900–2100', () => {
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    for (let i = 0; i < 1000; i++) {
      const d = new Date(Date.UTC(1900, 0, 1) + Math.random() * 200 * 365.25 * 86_400_000);
      const micros = pad(Math.floor(Math.random() * 1_000_000), 6).replace(/0+$/, '');
      const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${micros ? `.${micros}` : ''}+00`;
      expect(parseTimestamptz(text).getTime()).toBe((generic(text) as Date).getTime());
    }
  });
});

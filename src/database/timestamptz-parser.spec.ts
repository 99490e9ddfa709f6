import pg from 'pg';
import { parseTimestamptz } from './timestamptz-parser.js';

describe('parseTimestamptz', () => {
  const generic = pg.types.getTypeParser(1184);

  it.each([
    '2026-11-22 03:08:55+00',
    '2026-11-22 03:08:55.1+00',
    '2026-11-22 03:08:55.123+00',
    '2026-11-22 03:08:55.123456+00',
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
});

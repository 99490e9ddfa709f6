import pg from 'pg';
import { BadUserInputException } from '../errors/app.exception.js';
import { SortDirection } from '../graphql/sort-direction.enum.js';
import { Keyset, SqlParams } from './keyset.js';

describe('SqlParams.inline', () => {
  const escape = (text: string) => pg.escapeLiteral(text);

  it('writes strings through the driver’s escaping, so quotes cannot end the literal', () => {
    const sut = new SqlParams();
    const sql = `name ILIKE ${sut.add("%O'Brien'); DROP TABLE leads; --%")}`;
    expect(sut.inline(sql, escape)).toBe(`name ILIKE '%O''Brien''); DROP TABLE leads; --%'`);
  });

  it('escapes backslashes too', () => {
    const sut = new SqlParams();
    const inlined = sut.inline(`x = ${sut.add('a\\b')}`, escape);
    // An escape-string literal (E'…') with the backslash doubled.
    expect(inlined).toBe(`x =  E'a\\\\b'`);
  });

  it('writes numbers, dates and arrays, and refuses anything else', () => {
    const sut = new SqlParams();
    const sql = `a >= ${sut.add(10.5)} AND b < ${sut.add(new Date('2026-01-01T00:00:00Z'))}::timestamptz AND s = ANY(${sut.add(['NEW', 'LOST'])}::text[])`;
    expect(sut.inline(sql, escape)).toBe(
      `a >= 10.5 AND b < '2026-01-01T00:00:00.000Z'::timestamptz AND s = ANY(ARRAY['NEW', 'LOST']::text[])`,
    );
    const bad = new SqlParams();
    expect(() => bad.inline(`x = ${bad.add({})}`, escape)).toThrow(/cannot inline/);
    const nan = new SqlParams();
    expect(() => nan.inline(`x = ${nan.add(Number.NaN)}`, escape)).toThrow(/cannot inline/);
  });

  it('replaces $1 without touching $10 and beyond', () => {
    const sut = new SqlParams();
    const marks = Array.from({ length: 11 }, (_, i) => sut.add(i));
    expect(sut.inline(`${marks[0]}, ${marks[10]}`, escape)).toBe('0, 10');
  });
});

describe('Keyset', () => {
  it('continues after the cursor in the sort direction, id last', () => {
    const sut = new Keyset<{ id: string; at: string }>(
      [{ sql: 'created_at', type: 'timestamptz', value: (r) => r.at }],
      SortDirection.DESC,
      'l',
    );
    const params = new SqlParams();
    expect(sut.after(['2026-01-01T00:00:00.000Z', 'abc'], params)).toBe(
      '(l.created_at, l.id) < ($1::timestamptz, $2::uuid)',
    );
    expect(sut.orderBy()).toBe('l.created_at DESC, l.id DESC');
    expect(sut.keyOf({ id: 'x', at: 't' })).toEqual(['t', 'x']);
  });

  it('reads back only cursors of its own order, whatever the direction', () => {
    const byDate = (direction: SortDirection) =>
      new Keyset<{ id: string; at: string }>(
        [{ sql: 'created_at', type: 'timestamptz', value: (r) => r.at }],
        direction,
      );
    const byName = new Keyset<{ id: string; at: string }>(
      [{ sql: 'last_name', type: 'text', value: (r) => r.at }],
      SortDirection.ASC,
    );
    const row = { id: 'c8f1e2a4-5b6c-4d7e-8f90-a1b2c3d4e5f6', at: '2026-01-01T00:00:00.000Z' };
    const cursor = byDate(SortDirection.DESC).cursorOf(row);
    expect(byDate(SortDirection.ASC).decode(cursor)).toEqual([row.at, row.id]);
    // Same shape, other order: read as a name, the instant would silently land on a wrong page.
    expect(() => byName.decode(cursor)).toThrow(BadUserInputException);
  });

  it('names its sort keys for a subquery and orders by those names from outside it', () => {
    const sut = new Keyset<{ id: string; status: string; at: string }>(
      [
        { sql: 'status', type: 'text', value: (r) => r.status },
        { sql: 'lower(email)', type: 'text', value: (r) => r.at },
      ],
      SortDirection.ASC,
    );
    expect(sut.selectKeys()).toBe('status AS sort_0, lower(email) AS sort_1');
    expect(sut.overKeys().orderBy()).toBe('sort_0 ASC, sort_1 ASC, id ASC');
    expect(sut.overKeys('m').orderBy()).toBe('m.sort_0 ASC, m.sort_1 ASC, m.id ASC');
  });
});

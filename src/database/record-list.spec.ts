import { Prepared } from './prepared.js';
import { column, selectOf, type Column } from './record-columns.js';
import { RecordList, newestFirst } from './record-list.js';
import type { Sql } from './sql.js';

// The id, the parent's key, and six more columns: 63 ways to read part of a row.
const OPTIONAL = ['a', 'b', 'c', 'd', 'e', 'f'];
const RECORD: Record<string, Column<unknown>> = {
  id: column('id'),
  leadId: column('lead_id'),
  ...Object.fromEntries(OPTIONAL.map((key) => [key, column(`col_${key}`)])),
};
type Row = { id: string; createdAt: Date };
const NEWEST = newestFirst<Row>('created_at', (r) => r.createdAt);
const textOf = (s: string | Prepared) => (typeof s === 'string' ? s : s.text);

describe('RecordList.latestFor', () => {
  let sent: (string | Prepared)[];
  let latest: (fields: string[] | null) => Promise<Row[]>;

  beforeEach(() => {
    sent = [];
    const sql = { rows: (s: string | Prepared) => (sent.push(s), Promise.resolve([])) };
    const sut = new RecordList<Row, object, 'NEWEST'>(sql as unknown as Sql, {
      table: 'notes',
      columns: selectOf(RECORD),
      record: RECORD,
      where: () => [],
      sorts: NEWEST.sorts,
    });
    latest = (fields) => sut.latestFor('lead_id', 'c', ['l'], 50, NEWEST.order, fields);
  });

  it('reads the fields asked for, with the id and the parent’s key; all without a choice', async () => {
    await latest(['b']);
    expect(textOf(sent[0])).toMatch(/SELECT id, lead_id AS "leadId", col_b AS "b" FROM notes/);
    await latest(null);
    expect(textOf(sent[1])).toContain(`SELECT ${selectOf(RECORD)} FROM notes`);
  });

  it('names a statement per shape, up to 32 part shapes; then plans the others per call', async () => {
    const subsets = Array.from({ length: 63 }, (_, n) => OPTIONAL.filter((_, i) => n & (1 << i)));
    for (const fields of subsets) await latest(fields);
    expect(sent.slice(0, 32).every((s) => s instanceof Prepared)).toBe(true);
    expect(sent.slice(32).every((s) => typeof s === 'string')).toBe(true);
    // A named shape stays named; the whole row is named whatever came before.
    await latest(subsets[0]);
    await latest(OPTIONAL);
    await latest(null);
    expect(sent.slice(-3).map((s) => s instanceof Prepared)).toEqual([true, true, true]);
    expect(sent.at(-3)).toBe(sent[0]);
    expect(sent.at(-1)).toBe(sent.at(-2));
  });
});

import { Prepared } from './prepared.js';
import { column, selectOf, type Column } from './record-columns.js';
import { RecordList, newestFirst } from './record-list.js';
import type { Sql } from './sql.js';

// The id, the parent's key, and seven more columns: 127 ways to read part of a row.
const OPTIONAL = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const RECORD: Record<string, Column<unknown>> = {
  id: column('id'),
  leadId: column('lead_id'),
  ...Object.fromEntries(OPTIONAL.map((key) => [key, column(`col_${key}`)])),
};
type Row = { id: string; createdAt: Date };
const NEWEST = newestFirst<Row>('created_at', (r) => r.createdAt);
const selectList = (s: Prepared) => /SELECT (\w[^*]*?) FROM notes/.exec(s.text)?.[1];

describe('RecordList.latestFor', () => {
  let sent: Prepared[];
  let latest: (fields: string[] | null) => Promise<Row[]>;

  beforeEach(() => {
    sent = [];
    const sql = { rows: (s: Prepared) => (sent.push(s), Promise.resolve([])) };
    const sut = new RecordList<Row, object, 'NEWEST'>(sql as unknown as Sql, {
      table: 'notes',
      columns: selectOf(RECORD),
      record: RECORD,
      where: () => [],
      sorts: NEWEST.sorts,
    });
    latest = (fields) => sut.latestFor('lead_id', 'c', ['l'], 50, NEWEST.order, fields);
  });

  it('reads the keys asked for, with the id and the parent’s key', async () => {
    await latest(['b', 'id']);
    expect(selectList(sent[0])).toBe('id, lead_id AS "leadId", col_b AS "b"');
    // A statement built for a selection: StatementNames names a bounded number of them.
    expect(sent[0].built).toBe(true);
  });

  it('reads whole rows when a key is not a column, or none is given', async () => {
    await latest(['b', 'wordCount']);
    await latest(null);
    await latest(OPTIONAL);
    for (const statement of sent) {
      expect(selectList(statement)).toBe(selectOf(RECORD));
      expect(statement.built).toBe(false);
    }
    expect(new Set(sent).size).toBe(1);
  });

  it('keeps the texts of 64 shapes, and builds any other per call', async () => {
    const subsets = Array.from({ length: 127 }, (_, n) => OPTIONAL.filter((_, i) => n & (1 << i)));
    for (const fields of subsets) await latest(fields);
    for (const fields of subsets) await latest(fields);
    const [first, second] = [sent.slice(0, 127), sent.slice(127)];
    expect(second.map((s, i) => s === first[i]).filter(Boolean)).toHaveLength(64);
    expect(second.map((s, i) => s.text === first[i].text).every(Boolean)).toBe(true);
  });
});

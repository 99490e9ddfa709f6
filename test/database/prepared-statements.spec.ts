import { prepared } from '../../src/database/prepared.js';
import { Sql } from '../../src/database/sql.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/** On a pool of one connection, so that every statement below meets the same session. */
describe.each([
  ['on', 'true'],
  ['off', 'false'],
])('prepared statements (DB_PREPARED_STATEMENTS %s)', (_label, setting) => {
  let harness: ServiceHarness;
  let sut: Sql;
  const statement = prepared('SELECT $1::jsonb AS v');
  const preparedHere = async (): Promise<string[]> =>
    (
      await sut.rows<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements WHERE NOT from_sql',
        [],
      )
    ).map((r) => r.statement);

  beforeAll(async () => {
    harness = await startServices(
      [],
      {},
      {
        config: { DB_POOL_MAX: '1', DB_PREPARED_STATEMENTS: setting },
      },
    );
    sut = harness.get(Sql);
  });
  afterAll(() => harness.close());

  it(`${setting === 'true' ? 'prepares' : 'does not prepare'} a statement marked prepared`, async () => {
    expect(await sut.rows(statement, [{ n: 1 }])).toEqual([{ v: { n: 1 } }]);
    expect((await preparedHere()).includes(statement.text)).toBe(setting === 'true');
  });

  it('keeps working after a value fails to convert on the client', async () => {
    // JSON.stringify throws on a BigInt: pg drops the statement on the server mid-request.
    await expect(sut.rows(statement, [{ n: BigInt(1) }])).rejects.toThrow(TypeError);
    expect(await sut.rows(statement, [{ n: 2 }])).toEqual([{ v: { n: 2 } }]);
  });
});

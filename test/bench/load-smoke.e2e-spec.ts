import { runToExit } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl } from '../support/test-env.js';

/**
 * `pnpm bench:load --smoke` end to end on a small bench company: the mix, the sockets and the
 * form stream run, every operation is answered without error, and the table is printed. Its
 * figures are not judged here (they are `pnpm bench:load`'s, on the full data).
 */
describe('pnpm bench:load --smoke', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('runs the whole mix at a low rate without an error and prints its table', async () => {
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    const data = await runToExit(env, 'dist/bench/data.js', [
      '--leads',
      '400',
      '--interactions',
      '800',
      '--deals',
      '200',
    ]);
    expect(data.code).toBe(0);
    const redis = redisUrl();
    const load = await runToExit(
      { ...env, ...(redis ? { REDIS_URL: redis } : {}) },
      'dist/bench/load.js',
      ['--smoke', '--workers', redis ? '2' : '1', '--sockets', '10'],
    );
    expect(load.code).toBe(0);
    const tables = load.output.split('### ').slice(1);
    expect(tables.map((t) => t.split(':')[0])).toEqual(['business hours', 'month-end']);
    for (const table of tables) {
      const rows = [...table.matchAll(/^\| ([^|*]+?) \| ([\d,]+) \|.*\| ([\d,]+) \|$/gm)];
      expect(rows.map((r) => r[1])).toEqual(
        expect.arrayContaining([
          'leads page',
          'deals page',
          'createLead',
          'POST /api/lead (form stream)',
        ]),
      );
      // Every operation that ran was answered without an error.
      for (const [, name, , errors] of rows)
        expect({ name, errors }).toEqual({ name, errors: '0' });
      expect(table).toMatch(/server CPU [\d.]+ cores · PostgreSQL CPU [\d.]+ cores/);
    }
  }, 180_000);
});

import { getOnNewConnection, startServerProcess } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl, withRedis } from '../support/test-env.js';

const HEALTH_COUNT =
  /^crm_http_request_duration_seconds_count\{(?=[^}]*method="GET")(?=[^}]*route="\/health")(?=[^}]*status="200")[^}]*\} (\d+)$/m;

withRedis('GET /metrics with WEB_CONCURRENCY workers (Redis)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('answers for every worker, whichever worker the scrape reaches', async () => {
    const sut = await startServerProcess({
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl()!,
      WEB_CONCURRENCY: '2',
    });
    try {
      const requests = 20;
      for (let i = 0; i < requests; i++)
        expect((await getOnNewConnection(`${sut.url}/health`)).status).toBe(200);
      // Both workers served some (node:cluster deals connections out in turn), so neither alone
      // counted all of them: a scrape that does has summed the two.
      await new Promise((r) => setTimeout(r, 200));
      const servedBy = new Set(
        [
          ...sut
            .output()
            .matchAll(
              /"pid":(\d+),[^\n]*"url":"\/health"[^\n]*"request completed"|"pid":(\d+),[^\n]*"request completed"[^\n]*"url":"\/health"/g,
            ),
        ].map((m) => m[1] ?? m[2]),
      );
      expect(servedBy.size).toBe(2);
      for (let scrape = 0; scrape < 4; scrape++) {
        const { status, body } = await getOnNewConnection(`${sut.url}/metrics`);
        expect(status).toBe(200);
        expect(Number(HEALTH_COUNT.exec(body)?.[1])).toBe(requests);
        expect(body).toMatch(/^crm_event_loop_utilization /m);
      }
      sut.child.kill('SIGTERM');
      expect(await sut.exit()).toBe(0);
    } finally {
      if (sut.child.exitCode === null) sut.child.kill('SIGKILL');
    }
  }, 90_000);
});

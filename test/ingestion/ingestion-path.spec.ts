import { randomUUID } from 'node:crypto';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';
import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { IngestionModule } from '../../src/ingestion/ingestion.module.js';
import { IngestionService, type Submission } from '../../src/ingestion/ingestion.service.js';
import { newCompany } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/**
 * What one submission costs (docs/performance.md, "The write budget"): a new lead three waits for PostgreSQL and two
 * commits, a resend of an acknowledged one two waits.
 */
describe('the ingestion path', () => {
  let harness: ServiceHarness;
  let sut: IngestionService;
  let secret: string;

  const submission = (key: string, email = `${key}@ingest.test`): Submission => ({
    body: Buffer.from(JSON.stringify({ firstName: 'Ada', lastName: 'L', email })),
    idempotencyKey: key,
    requestId: randomUUID(),
    ip: '203.0.113.9',
    userAgent: 'spec',
  });

  beforeAll(async () => {
    harness = await startServices([IngestionModule, AuditModule], {}, { countRoundTrips: true });
    sut = harness.get(IngestionService);
    const admin = await newCompany(harness);
    ({ secret } = await harness
      .get(ApiKeysService)
      .create(admin, { name: 'form', scopes: [ApiKeyScope.INGEST] }));
    // Every connection of the pool opened, the key's use recorded (once a minute), the statements
    // prepared: no count below includes a connection's setup.
    await Promise.all(
      Array.from({ length: 5 }, () => sut.submit(secret, submission(randomUUID()))),
    );
  });
  afterAll(() => harness.close());

  it('stores a submission and makes its lead in three round trips', async () => {
    const key = randomUUID();
    let statusCode = 0;
    const trips = await harness.roundTrips(async () => {
      ({ statusCode } = await sut.submit(secret, submission(key)));
    });
    expect(statusCode).toBe(201);
    expect(trips).toBe(3);
    const rows = await harness.sql<{ status: string; lead_id: string | null }>(
      'SELECT status, lead_id FROM leads_raw WHERE idempotency_key = $1',
      [key],
    );
    expect(rows).toEqual([{ status: 'PROCESSED', lead_id: expect.any(String) }]);
  });

  it('answers a resend of an acknowledged submission in two round trips', async () => {
    const key = randomUUID();
    expect((await sut.submit(secret, submission(key))).statusCode).toBe(201);
    let statusCode = 0;
    const trips = await harness.roundTrips(async () => {
      ({ statusCode } = await sut.submit(secret, submission(key)));
    });
    expect(statusCode).toBe(409);
    expect(trips).toBe(2);
  });

  it('stores nothing for a key that is not usable, in one round trip', async () => {
    const key = randomUUID();
    let statusCode = 0;
    const trips = await harness.roundTrips(async () => {
      ({ statusCode } = await sut.submit(`${secret.slice(0, -4)}0000`, submission(key)));
    });
    expect(statusCode).toBe(401);
    expect(trips).toBe(1);
    expect(await harness.sql('SELECT id FROM leads_raw WHERE idempotency_key = $1', [key])).toEqual(
      [],
    );
  });
});

import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';
import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { IngestionModule } from '../../src/ingestion/ingestion.module.js';
import { IngestionService } from '../../src/ingestion/ingestion.service.js';
import { JournalRetentionJob } from '../../src/ingestion/journal-retention.job.js';
import { newCompany } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/** A company with a form key, and a sender of submissions for it: each returns its row's id. */
async function formOf(
  harness: ServiceHarness,
): Promise<(body: object, key?: string) => Promise<string>> {
  const admin = await newCompany(harness);
  const { secret } = await harness
    .get(ApiKeysService)
    .create(admin, { name: 'form', scopes: [ApiKeyScope.INGEST] });
  return async (body, key) => {
    const requestId = randomUUID();
    await harness.get(IngestionService).submit(secret, {
      body: Buffer.from(JSON.stringify(body)),
      idempotencyKey: key,
      requestId,
      ip: '203.0.113.9',
      userAgent: undefined,
    });
    const [row] = await harness.sql<{ id: string }>(
      'SELECT id FROM leads_raw WHERE request_id = $1',
      [requestId],
    );
    return row.id;
  };
}

/** Makes a submission `days` old. */
const ageOf = (harness: ServiceHarness, id: string, days: number) =>
  harness.sql(
    `UPDATE leads_raw SET received_at = now() - make_interval(days => $2) WHERE id = $1`,
    [id, days],
  );

describe('journal retention (INGEST_RETENTION_DAYS)', () => {
  let harness: ServiceHarness;
  let sut: JournalRetentionJob;

  beforeAll(async () => {
    harness = await startServices(
      [IngestionModule, AuditModule],
      {},
      {
        config: { INGEST_RETENTION_DAYS: '30' },
      },
    );
    sut = harness.get(JournalRetentionJob);
  });
  afterAll(() => harness.close());

  const company = () => formOf(harness);
  const age = (id: string, days: number) => ageOf(harness, id, days);
  const statusOf = async (id: string): Promise<string | null> =>
    (await harness.sql<{ status: string }>('SELECT status FROM leads_raw WHERE id = $1', [id]))[0]
      ?.status ?? null;

  it('removes settled submissions past the retention, in every company, and keeps the rest', async () => {
    const [a, b] = [await company(), await company()];
    const key = randomUUID();
    const email = `old-${randomUUID()}@retention.test`;
    const oldProcessed = await a({ email }, key);
    const oldRejected = await a({ firstName: 'No e-mail' });
    const oldFailed = await a({ email: `failed-${randomUUID()}@retention.test` });
    const recent = await a({ email: `new-${randomUUID()}@retention.test` });
    const otherCompanyOld = await b({ email: `b-${randomUUID()}@retention.test` });
    await harness.sql(`UPDATE leads_raw SET status = 'FAILED' WHERE id = $1`, [oldFailed]);
    for (const id of [oldProcessed, oldRejected, oldFailed, otherCompanyOld]) await age(id, 31);

    expect(await sut.run()).toBeGreaterThanOrEqual(3);

    expect(await statusOf(oldProcessed)).toBeNull();
    expect(await statusOf(oldRejected)).toBeNull();
    expect(await statusOf(otherCompanyOld)).toBeNull();
    expect(await statusOf(oldFailed)).toBe('FAILED');
    expect(await statusOf(recent)).toBe('PROCESSED');
    // The lead stays; its key is forgotten with the submission that held it.
    expect(await harness.sql('SELECT id FROM leads WHERE email = $1', [email])).toHaveLength(1);
    expect(await harness.sql('SELECT 1 FROM leads_idempotency WHERE key = $1', [key])).toHaveLength(
      0,
    );
  });
});

describe('journal retention by default (INGEST_RETENTION_DAYS not set)', () => {
  let harness: ServiceHarness;
  let warnings: string[];
  let warn: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    warnings = [];
    // What the boot logs (the harness silences the output, not the calls).
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    harness = await startServices([IngestionModule, AuditModule]);
  });
  afterAll(async () => {
    warn.mockRestore();
    await harness.close();
  });

  it('deletes settled submissions older than 90 days, and says so at boot with how to keep them', async () => {
    expect(warnings).toContainEqual(
      expect.stringMatching(/older than 90 days will be deleted.*INGEST_RETENTION_DAYS=0/),
    );
    const form = await formOf(harness);
    const send = () => form({ email: `d-${randomUUID()}@retention.test` });
    const [old, younger] = [await send(), await send()];
    await ageOf(harness, old, 91);
    await ageOf(harness, younger, 89);

    expect(await harness.get(JournalRetentionJob).run()).toBe(1);

    const left = await harness.sql<{ id: string }>('SELECT id FROM leads_raw WHERE id = ANY($1)', [
      [old, younger],
    ]);
    expect(left).toEqual([{ id: younger }]);
  });

  it('says nothing at boot when the retention is chosen', async () => {
    expect(warnings.filter((w) => w.includes('INGEST_RETENTION_DAYS'))).toHaveLength(1);
    const chosen = await startServices(
      [IngestionModule, AuditModule],
      {},
      {
        config: { INGEST_RETENTION_DAYS: '90' },
      },
    );
    await chosen.close();
    expect(warnings.filter((w) => w.includes('INGEST_RETENTION_DAYS'))).toHaveLength(1);
  });
});

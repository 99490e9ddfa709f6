import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import http, { type IncomingMessage } from 'node:http';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { generateLeadsFor } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** An export as a real HTTP client opens it: paused, so that it reads only what the test takes. */
function openExport(app: TestApp, token: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${app.url}/api/leads/export.csv`,
      { headers: { authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        res.pause();
        resolve(res);
      },
    );
    req.on('error', reject);
  });
}

const exportOf = (app: TestApp, token: string) =>
  fetch(`${app.url}/api/leads/export.csv`, { headers: { authorization: `Bearer ${token}` } });

/**
 * One company must not hold every export slot of an instance, and a client that reads slowly but
 * steadily must not hold its slot (and pooled connection) until EXPORT_TIMEOUT_MS.
 */
describe('fair export slots', () => {
  let capped: TestApp;
  let paced: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let other: TestUser;
  const LEADS = 60_000;

  beforeAll(async () => {
    capped = await startTestApp({
      EXPORT_MAX_CONCURRENT: '3',
      EXPORT_MAX_PER_COMPANY: '2',
      EXPORT_MAX_PER_USER: '1',
      EXPORT_LIMIT_PER_HOUR: '1000',
      // The held exports below read nothing: neither rule may end them during the test.
      EXPORT_STALL_TIMEOUT_MS: '600000',
      EXPORT_MIN_BYTES_PER_SECOND: '0',
    });
    admin = await newCompany(capped);
    manager = await newUser(capped, admin, Role.MANAGER);
    rep = await newUser(capped, admin, Role.SALES_REP);
    other = await newCompany(capped);
    // ~15 MB of CSV: more than the socket buffers hold, so an export whose reader is slow waits.
    await generateLeadsFor(capped, admin, LEADS);
    // The same database, on an instance demanding 1 MB/s over windows of one second (and no
    // stall rule to speak of: the read-rate rule alone must end the slow reader).
    paced = await startTestApp(
      {
        EXPORT_STALL_TIMEOUT_MS: '600000',
        EXPORT_MIN_RATE_WINDOW_MS: '1000',
        EXPORT_MIN_BYTES_PER_SECOND: '1000000',
        EXPORT_LIMIT_PER_HOUR: '1000',
      },
      capped.db,
    );
  }, 180_000);
  afterAll(async () => {
    await paced?.close();
    await capped?.close();
  });

  it('caps one company’s exports below the instance’s: 429 for it, a slot for another company', async () => {
    const held = [await openExport(capped, admin.token), await openExport(capped, manager.token)];
    expect(held.map((res) => res.statusCode)).toEqual([200, 200]);

    const third = await exportOf(capped, rep.token);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      ok: false,
      error: 'RATE_LIMITED',
      reason: 'COMPANY_EXPORT_LIMIT',
    });

    // The instance's third slot is still free, for another company.
    const theirs = await exportOf(capped, other.token);
    expect(theirs.status).toBe(200);
    expect(parse(await theirs.text(), { columns: true })).toEqual([]);

    // A held export that ends gives its company's slot back.
    const closed = new Promise((resolve) => held[0].once('close', resolve));
    held[0].destroy();
    await closed;
    let again = await exportOf(capped, rep.token);
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await again.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
      again = await exportOf(capped, rep.token);
    }
    expect(again.status).toBe(200);
    await again.body?.cancel();
    held[1].destroy();
  }, 60_000);

  it('ends an export whose client reads slower than the minimum, and frees its slot', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const res = await openExport(paced, admin.token);
      expect(res.statusCode).toBe(200);
      // 16 KB every 100 ms: steady, and a sixth of what the instance asks for.
      let received = 0;
      const reader = setInterval(() => {
        const chunk = res.read(16_384) as Buffer | null;
        if (chunk) received += chunk.length;
      }, 100);
      res.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => res.once('close', resolve));
      // The server ends it (logged: the answer had begun, so it can only be cut short)...
      const CUT =
        /lead export ended midway: the client read \d+ bytes in \d+ ms, slower than 1000000 bytes\/s/;
      const cut = () => warn.mock.calls.some((call) => CUT.test(String(call[0])));
      for (let i = 0; i < 600 && !cut(); i++) await new Promise((r) => setTimeout(r, 100));
      clearInterval(reader);
      // ...by the read-rate rule (the stall rule waits ten minutes here). What the socket buffers
      // already hold reaches the client before the end does: read it all now.
      expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(
        expect.stringMatching(CUT),
      );
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.resume();
      await closed;
      expect(res.complete).toBe(false);

      // Its slot is free again (this instance runs one export at a time), and a client that reads
      // as fast as the rows come gets all of them.
      const fast = await exportOf(paced, admin.token);
      expect(fast.status).toBe(200);
      const whole = await fast.text();
      expect(parse(whole, { columns: true })).toHaveLength(LEADS);
      expect(received).toBeLessThan(Buffer.byteLength(whole));
    } finally {
      warn.mockRestore();
    }
  }, 120_000);
});

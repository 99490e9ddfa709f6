import { once } from 'node:events';
import net from 'node:net';
import pg from 'pg';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { mapError } from '../../src/common/errors/error-mapper.js';
import { Sql } from '../../src/database/sql.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { generateLeadsFor, newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('statement timeout', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '500' });
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  it('is set on every pooled session, with the idle-in-transaction one', async () => {
    const reads = sut.app.get(Sql);
    expect(await reads.rows('SHOW statement_timeout', [])).toEqual([
      { statement_timeout: '500ms' },
    ]);
    expect(await reads.rows('SHOW idle_in_transaction_session_timeout', [])).toEqual([
      { idle_in_transaction_session_timeout: '30s' },
    ]);
  });

  it('cuts off a pg_sleep, which maps to a clean QUERY_TIMEOUT', async () => {
    const started = Date.now();
    const error = await sut.app
      .get(Sql)
      .rows('SELECT pg_sleep(5)', [])
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(mapError(error)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'QUERY_TIMEOUT',
      status: 503,
      message: 'The database took too long to answer; retry shortly',
    });
  });

  it('answers a mutation stuck behind a lock with QUERY_TIMEOUT, not a hang or a driver message', async () => {
    const lead = await newLead(sut, admin);
    const holder = new pg.Client({ connectionString: sut.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM leads WHERE id = $1 FOR UPDATE', [lead.id]);
      const res = await sut.gql(
        'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }',
        { i: { id: lead.id, status: 'LOST' } },
        admin.token,
      );
      expect(res.errors?.[0]).toMatchObject({
        message: 'The database took too long to answer; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'QUERY_TIMEOUT' },
      });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});

describe('a pool with no connection free', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({ DB_POOL_MAX: '1', DB_ACQUIRE_TIMEOUT_MS: '300' });
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  it('answers DATABASE_BUSY (REST: 503) once the acquire timeout passes', async () => {
    const held = await sut.app.get(Sequelize).transaction(); // the pool's one connection
    try {
      const res = await sut.gql('{ leadsConnection { totalCount } }', {}, admin.token);
      expect(res.errors?.[0]).toMatchObject({
        message: 'The database is busy; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'DATABASE_BUSY' },
      });
      const rest = await fetch(`${sut.url}/api/leads/export.csv`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(rest.status).toBe(503);
      expect(await rest.json()).toMatchObject({ reason: 'DATABASE_BUSY' });
    } finally {
      await held.rollback();
    }
    expect(
      (await sut.gql('{ leadsConnection { totalCount } }', {}, admin.token)).errors,
    ).toBeUndefined();
  });
});

describe('exports that hold a connection', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({
      EXPORT_STALL_TIMEOUT_MS: '700',
      EXPORT_MAX_PER_USER: '1',
      EXPORT_MAX_CONCURRENT: '2',
      // Both slots for one company: this is about the per-user cap (export-fairness has the other).
      EXPORT_MAX_PER_COMPANY: '2',
    });
    admin = await newCompany(sut);
    manager = await newUser(sut, admin, Role.MANAGER);
    // ~15 MB of CSV: more than the socket buffers hold, so a reader that stops stalls the COPY.
    await generateLeadsFor(sut, admin, 60_000);
  }, 180_000);
  afterAll(() => sut.close());

  /** An export whose client reads its first bytes, then nothing more. */
  async function stalledExport(token: string): Promise<net.Socket> {
    const { port } = new URL(sut.url);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    await once(socket, 'connect');
    socket.write(
      `GET /api/leads/export.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
    await once(socket, 'data');
    socket.pause();
    return socket;
  }

  const copies = async (): Promise<number> => {
    const [row] = await sut.app
      .get(Sequelize)
      .query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND pid <> pg_backend_pid()",
        { type: QueryTypes.SELECT },
      );
    return row.n;
  };

  it('caps exports per user (429) and ends a stalled one, freeing its connection and slot', async () => {
    const stalled = await stalledExport(admin.token);
    expect(await copies()).toBe(1);

    const second = await fetch(`${sut.url}/api/leads/export.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: 'RATE_LIMITED' });
    // Another user still has a slot of the instance's two.
    const theirs = await fetch(`${sut.url}/api/leads/export.csv?status=LOST`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(theirs.status).toBe(200);
    await theirs.text();

    // The server gives up on the reader: its COPY ends and its connection is closed.
    for (let i = 0; i < 100 && (await copies()) > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await copies()).toBe(0);
    // A paused socket sees the end only once it reads again: what it gets is cut short.
    let received = 0;
    stalled.on('data', (chunk: Buffer) => (received += chunk.length));
    const closed = once(stalled, 'close');
    stalled.resume();
    await closed;
    expect(received).toBeLessThan(10_000_000);

    const again = await fetch(`${sut.url}/api/leads/export.csv?status=LOST`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(again.status).toBe(200);
    await again.text();
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { BENCH } from './bench-env.js';
import { percentiles } from './measure.js';

export interface BenchServer {
  base: string;
}

const COMPANIES = 10;
const USERS_PER_COMPANY = 100;
/** An ADMIN and nine MANAGERs: lead_created's recipients in each company. */
const RECIPIENTS_PER_COMPANY = 10;
const RATE_PER_SECOND = 50;

interface BenchUser {
  id: string;
  companyId: string;
  email: string;
  role: string;
  token?: string;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function post<T>(base: string, body: object, token?: string): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!json.data || json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

/** Ten companies of a hundred users, made in the database with the bench admin's password. */
async function makeCompanies(bare: pg.Pool, run: string): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let c = 0; c < COMPANIES; c++) {
    const {
      rows: [company],
    } = await bare.query<{ id: string }>('INSERT INTO companies (name) VALUES ($1) RETURNING id', [
      `Bench notify ${run} ${c}`,
    ]);
    const { rows } = await bare.query<BenchUser>(
      `INSERT INTO users (company_id, email, password_hash, first_name, last_name, role)
       SELECT $1, 'notify-' || $2 || '-' || $3 || '-' || g || '@bench.test',
              (SELECT password_hash FROM users WHERE lower(email) = $4), 'Bench', 'User ' || g,
              CASE WHEN g = 1 THEN 'ADMIN' WHEN g <= $5 THEN 'MANAGER' ELSE 'SALES_REP' END
       FROM generate_series(1, $6) g
       RETURNING id, company_id AS "companyId", email, role`,
      [company.id, run, c, BENCH.email, RECIPIENTS_PER_COMPANY, USERS_PER_COMPANY],
    );
    users.push(...rows);
  }
  return users;
}

async function inBatches<T>(items: T[], size: number, work: (item: T, i: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
}

/**
 * 1 000 sockets (the users of 10 companies) across two instances; RATE_PER_SECOND createLead
 * mutations for `seconds`, each by a SALES_REP of one company, so each has the company's ten
 * ADMINs and MANAGERs as recipients. Latency is from the mutation's transaction start (the
 * notification's createdAt, PostgreSQL's clock; same machine) to receipt: an upper bound of
 * commit → receipt. Every recipient must receive each notification once, and nobody else any.
 */
export async function measureNotifications(
  bare: pg.Pool,
  servers: [BenchServer, BenchServer],
  seconds: number,
): Promise<string> {
  const run = randomBytes(3).toString('hex');
  const users = await makeCompanies(bare, run);
  try {
    await inBatches(users, 16, async (user, i) => {
      const { login } = await post<{ login: { accessToken: string } }>(servers[i % 2].base, {
        query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        variables: { i: { email: user.email, password: BENCH.password } },
      });
      user.token = login.accessToken;
    });
    const companyOfLead = new Map<string, string>();
    const latencies: number[] = [];
    // Judged at the end: a notification may arrive before its mutation's answer.
    const received: { leadId: string; companyId: string }[] = [];
    const sockets: Socket[] = [];
    await inBatches(users, 50, async (user, i) => {
      const socket = io(servers[i % 2].base, {
        transports: ['websocket'],
        auth: { token: user.token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      socket.on('notification:created', (n: { relatedLeadId: string; createdAt: string }) => {
        latencies.push(Date.now() - Date.parse(n.createdAt));
        received.push({ leadId: n.relatedLeadId, companyId: user.companyId });
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    });
    const reps = users.filter((u) => u.role === 'SALES_REP');
    const total = RATE_PER_SECOND * seconds;
    const answered: number[] = [];
    let failed = 0;
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const rep = reps[(i * 7) % reps.length];
      sends.push(
        (async () => {
          const sent = performance.now();
          try {
            const email = `notify-lead-${run}-${i}@bench.test`;
            const { createLead } = await post<{ createLead: { id: string } }>(
              servers[i % 2].base,
              {
                query: 'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }',
                variables: { i: { firstName: 'Notify', lastName: `Lead ${i}`, email } },
              },
              rep.token,
            );
            companyOfLead.set(createLead.id, rep.companyId);
            answered.push(performance.now() - sent);
          } catch {
            failed++;
          }
        })(),
      );
    }
    await Promise.all(sends);
    const sentFor = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    for (const socket of sockets) socket.close();
    const expected = companyOfLead.size * RECIPIENTS_PER_COMPANY;
    const perLead = new Map<string, number>();
    let strays = 0;
    for (const { leadId, companyId } of received) {
      perLead.set(leadId, (perLead.get(leadId) ?? 0) + 1);
      if (companyOfLead.get(leadId) !== companyId) strays++;
    }
    const deliveries = received.length;
    const wrongCount = [...companyOfLead.keys()].filter(
      (lead) => perLead.get(lead) !== RECIPIENTS_PER_COMPANY,
    ).length;
    const { p50, p99 } = percentiles(latencies);
    const mutation = percentiles(answered);
    return [
      `notifications: ${fmt(sockets.length)} sockets (${COMPANIES} companies) on 2 instances, ${fmt(companyOfLead.size)} createLead in ${fmt(sentFor, 1)} s (${RATE_PER_SECOND}/s asked, ${failed} failed; answer p50 / p99 ${fmt(mutation.p50, 1)} / ${fmt(mutation.p99, 1)} ms)`,
      `  transaction start → socket receipt p50 / p99: ${fmt(p50, 1)} / ${fmt(p99, 1)} ms`,
      `  deliveries ${fmt(deliveries)} of ${fmt(expected)} expected; leads not received exactly ${RECIPIENTS_PER_COMPANY}×: ${wrongCount}; to a socket of another company: ${strays}`,
    ].join('\n');
  } finally {
    // Their users, leads and notifications go with them.
    await bare.query("DELETE FROM companies WHERE name LIKE 'Bench notify %'");
  }
}

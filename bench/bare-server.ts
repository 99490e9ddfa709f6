import http from 'node:http';
import pg from 'pg';
import { BARE_SQL, BareStatus, type BareContext } from './bare-sql.js';

/**
 * The floor the API is compared with: a bare node:http server over a pg pool of the same size,
 * running each scenario's BARE_SQL and answering its JSON over HTTP — so the gap is what Nest,
 * GraphQL and the guarantees cost, not HTTP and JSON. Spawned by run.ts.
 */
function main(): void {
  const ctx = JSON.parse(process.env.BARE_CONTEXT ?? '{}') as BareContext;
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL ?? 10),
  });
  const server = http.createServer((req, res) => {
    const handler = BARE_SQL[(req.url ?? '').slice(1)];
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!handler) return void res.writeHead(404).end();
      const headers = req.headers as Record<string, string | undefined>;
      handler(pool, ctx, { body: Buffer.concat(chunks).toString(), headers }).then(
        (data) => {
          const answer = data instanceof BareStatus ? data : new BareStatus(200, data);
          const json = JSON.stringify(answer.body);
          res.writeHead(answer.code, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(json),
          });
          res.end(json);
        },
        (error: unknown) => {
          res.writeHead(500).end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 72_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    console.log(`bare server ready on ${address.port}`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void pool.end();
  });
}

if (process.argv[1]?.endsWith('bare-server.js')) main();

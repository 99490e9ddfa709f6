import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One envelope as it arrived: its raw text (to search for what must not be there) and its items. */
export interface CapturedEnvelope {
  raw: string;
  items: { header: Record<string, unknown>; payload: Record<string, any> }[];
}

export interface SentryCapture {
  /** A DSN that sends here: `http://publickey@127.0.0.1:<port>/1`. */
  dsn: string;
  envelopes: CapturedEnvelope[];
  /** The error events received so far. */
  events(): Record<string, any>[];
  close(): Promise<void>;
}

/** Envelope: a header line, then each item as a header line and a payload line. */
function parseEnvelope(raw: string): CapturedEnvelope {
  const lines = raw.split('\n').filter((line) => line.length > 0);
  const items: CapturedEnvelope['items'] = [];
  for (let i = 1; i + 1 < lines.length; i += 2)
    items.push({ header: JSON.parse(lines[i]), payload: JSON.parse(lines[i + 1]) });
  return { raw, items };
}

/**
 * What Sentry's ingest does, as far as the SDK can tell: accepts `POST /api/<project>/envelope/`
 * on loopback and keeps each envelope for the test to read.
 */
export async function startSentryCapture(): Promise<SentryCapture> {
  const envelopes: CapturedEnvelope[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/api\/1\/envelope\/?/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks);
      const gzipped = req.headers['content-encoding'] === 'gzip';
      envelopes.push(parseEnvelope((gzipped ? gunzipSync(body) : body).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    events: () =>
      envelopes.flatMap((envelope) =>
        envelope.items.filter((item) => item.header.type === 'event').map((item) => item.payload),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

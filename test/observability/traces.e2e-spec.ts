import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { runInRequestContext } from '../../src/common/http/request-context.js';
import { traceLogFields } from '../../src/observability/tracing/request-tracer.js';
import { completion, FakeAiProvider } from '../support/fake-ai-provider.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startServerProcess } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A span as OTLP/HTTP JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number; message?: string };
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

/** Plays an OpenTelemetry collector on loopback: keeps every span sent to /v1/traces. */
class OtlpReceiver {
  readonly spans: OtlpSpan[] = [];
  readonly services = new Set<string>();
  requests = 0;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      this.requests++;
      if (req.url === '/v1/traces' && req.headers['content-type'] === 'application/json') {
        for (const resource of (JSON.parse(body) as OtlpExport).resourceSpans) {
          for (const a of resource.resource.attributes)
            if (a.key === 'service.name' && a.value.stringValue)
              this.services.add(a.value.stringValue);
          for (const scope of resource.scopeSpans) this.spans.push(...scope.spans);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const attribute = (span: OtlpSpan, key: string): unknown => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN}-01`;
const AI_TRACE = '1'.repeat(32);
const PROCESS_TRACE = '2'.repeat(32);
const CLIENT = 3;
const NESTED = 'query LeadList { leads { id assignedTo { id } } }';

describe('traces (OpenTelemetry, OTLP/HTTP)', () => {
  const receiver = new OtlpReceiver();
  const provider = new FakeAiProvider();
  let db: TestDatabase;
  let endpoint: string;

  beforeAll(async () => {
    [endpoint, db] = await Promise.all([receiver.start(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([receiver.close(), provider.close()]);
    await db.drop();
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
    let sut: TestApp;
    let admin: TestUser;
    let answer: Response;
    let aiTraceparent: string | undefined;

    beforeAll(async () => {
      sut = await startTestApp(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/`,
          OTEL_SERVICE_NAME: 'crm-under-test',
          // Requests without a traceparent are not traced: the test's own set-up sends none.
          TRACE_SAMPLE_RATIO: '0',
          REDIS_URL: process.env.REDIS_URL ?? '',
          OPENROUTER_API_KEY: 'sk-or-test',
          AI_BASE_URL: await provider.start(),
          AI_MODEL: 'test/summarizer',
        },
        db,
      );
      admin = await newCompany(sut);
      await newLead(sut, admin, { assignedToId: admin.id });
      answer = await fetch(`${sut.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${admin.token}`,
          traceparent: TRACEPARENT,
        },
        body: JSON.stringify({ query: NESTED }),
      });
      // An outbound AI call in a traced request hears the trace.
      const lead = await newLead(sut, admin);
      await sut.gql('mutation { setExternalAiAllowed(allowed: true) }', {}, admin.token);
      provider.answer(completion('A warm lead.'));
      const summarized = await sut.gql(
        'mutation($id: ID!) { regenerateSummary(id: $id) { summaryProvider } }',
        { id: lead.id },
        admin.token,
        { traceparent: `00-${AI_TRACE}-${CALLER_SPAN}-01` },
      );
      expect(summarized.data?.regenerateSummary).toEqual({ summaryProvider: 'test/summarizer' });
      aiTraceparent = provider.calls[0]?.headers.traceparent as string | undefined;
      // Closing sends the spans not yet sent.
      await sut.close();
    });

    const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);

    it('answers with data and the trace it joined', async () => {
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { data?: { leads: { assignedTo: { id: string } }[] } };
      expect(body.data?.leads[0].assignedTo.id).toBe(admin.id);
      expect(answer.headers.get('traceparent')).toMatch(
        new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`),
      );
    });

    it('sends a span tree for a nested query: request → operation → named statements', () => {
      const spans = inTrace(TRACE_ID);
      expect(receiver.services).toEqual(new Set(['crm-under-test']));
      const request = spans.find((s) => s.name === 'POST /graphql');
      expect(request).toBeDefined();
      expect(request?.parentSpanId).toBe(CALLER_SPAN);
      expect(attribute(request!, 'http.response.status_code')).toBe(200);
      expect(answer.headers.get('traceparent')).toContain(request!.spanId);

      const operation = spans.find((s) => s.name === 'query LeadList');
      expect(operation?.parentSpanId).toBe(request!.spanId);
      expect(attribute(operation!, 'graphql.operation.type')).toBe('query');

      const statements = spans.filter(
        (s) => attribute(s, 'db.system') === 'postgresql' && s.name !== 'pool acquire',
      );
      const names = statements.map((s) => s.name);
      expect(names).toContain('SELECT leads');
      expect(names).toContain('SELECT users');
      for (const statement of statements) {
        expect(statement.parentSpanId).toBe(operation!.spanId);
        expect(attribute(statement, 'db.statement')).toMatch(/^\s*(SELECT|WITH|BEGIN|COMMIT|SET)/i);
        // Parameters travel as placeholders: no value of the request is in the text.
        expect(attribute(statement, 'db.statement')).not.toContain(admin.id);
      }
    });

    it('sends a client span per Redis call and per outbound AI call, the provider hearing the trace', () => {
      if (process.env.REDIS_URL) {
        // The AI budgets are counted in Redis.
        const redis = inTrace(AI_TRACE).filter((s) => attribute(s, 'db.system') === 'redis');
        expect(redis.length).toBeGreaterThan(0);
        expect(redis[0]).toMatchObject({ name: 'redis EVALSHA', kind: CLIENT });
        expect(redis[0].parentSpanId).toBe(
          inTrace(AI_TRACE).find((s) => s.name === 'mutation')?.spanId,
        );
      }
      const ai = inTrace(AI_TRACE).find((s) => s.name === 'chat test/summarizer');
      expect(ai).toBeDefined();
      expect(ai?.kind).toBe(CLIENT);
      expect(attribute(ai!, 'http.response.status_code')).toBe(200);
      expect(aiTraceparent).toBe(`00-${AI_TRACE}-${ai!.spanId}-01`);
    });

    it('traces no request the sampler leaves out (no traceparent, ratio 0)', () => {
      const traced = new Set(receiver.spans.map((s) => s.traceId));
      traced.delete(PROCESS_TRACE); // the real process's, below
      expect(traced).toEqual(new Set([TRACE_ID, AI_TRACE]));
    });
  });

  it('sends nothing, and answers no traceparent, with OTEL_EXPORTER_OTLP_ENDPOINT unset', async () => {
    const before = receiver.requests;
    const sut = await startTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, db);
    try {
      const res = await fetch(`${sut.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: TRACEPARENT },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('traceparent')).toBeNull();
    } finally {
      await sut.close();
    }
    expect(receiver.requests).toBe(before);
  });

  it('writes the trace and span beside the request id in the request’s log line (the real process)', async () => {
    const sut = await startServerProcess({
      DATABASE_URL: db.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
    try {
      const res = await fetch(`${sut.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          traceparent: `00-${PROCESS_TRACE}-${CALLER_SPAN}-01`,
          'x-request-id': 'traced-request-1',
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(200);
      await sut.waitFor(/"requestId":"traced-request-1".*"request completed"/);
      const line = sut
        .output()
        .split('\n')
        .filter((l) => l.includes('traced-request-1') && l.includes('request completed'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)[0];
      expect(line).toMatchObject({ requestId: 'traced-request-1', traceId: PROCESS_TRACE });
      expect(res.headers.get('traceparent')).toBe(`00-${PROCESS_TRACE}-${String(line.spanId)}-01`);
    } finally {
      sut.child.kill('SIGTERM');
      await sut.exit();
    }
  });

  it('writes the trace and span into the log lines of a traced request', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, next) {
        lines.push(chunk.toString());
        next();
      },
    });
    const log = pino({ mixin: traceLogFields }, sink);
    const trace = {
      traceId: TRACE_ID,
      spanId: CALLER_SPAN,
      open: () => {
        throw new Error('unused');
      },
    };
    runInRequestContext({ requestId: 'r-1', trace }, () => log.info('inside'));
    log.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: 'inside', traceId: TRACE_ID, spanId: CALLER_SPAN });
    expect(outside.traceId).toBeUndefined();
  });
});

import { loadConfig } from '../../src/app.config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'k3J9qXw2LmZp8RtV6yBn4HcD';

describe('GET /metrics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // One proxy hop is believed, so a test can speak as a remote client through X-Forwarded-For.
    sut = await startTestApp({
      TRUST_PROXY: '1',
      METRICS_TOKEN: TOKEN,
      METRICS_ALLOW: '198.51.100.0/24',
    });
  });
  afterAll(() => sut.close());

  const scrape = (headers: Record<string, string> = {}) => fetch(`${sut.url}/metrics`, { headers });

  it('answers loopback with Prometheus text: process figures and the event loop', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).toMatch(/^crm_event_loop_utilization [\d.e-]+$/m);
  });

  it('refuses a remote client, however it asks, unless allowed or holding the token', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await scrape(remote);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/nodejs_/);
    expect((await scrape({ ...remote, authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await scrape({ ...remote, authorization: TOKEN })).status).toBe(403);
    expect((await scrape({ ...remote, authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await scrape({ 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
  });

  it('refuses a placeholder token and a bad address list at boot, naming the variable', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'changeme-changeme-changeme' })).toThrow(
      /METRICS_TOKEN/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_ALLOW: 'not-an-address' })).toThrow(/METRICS_ALLOW/);
  });
});

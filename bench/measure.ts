import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Load on the API: `connections` keep-alive clients for `seconds`, via autocannon. */
export async function measureApi(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: 50, duration: 10, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** The same load shape on a bare `pg` pool: `connections` loops issuing `work` for `seconds`. */
export async function measureBare(
  work: (i: number) => Promise<unknown>,
  connections = 50,
  seconds = 10,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        try {
          await work(n++);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

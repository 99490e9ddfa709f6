import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';

/**
 * The process's metrics, answered by `GET /metrics` (observability/). Each module declares its own
 * beside its code (`*.metrics.ts`), by these helpers, so every name carries the `crm_` prefix and
 * every latency the same buckets.
 */
export const metricsRegistry: Registry = register;

/** Seconds: 1 ms to 10 s, dense where the targets are (p95 < 50 ms, p99 < 150 ms). */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
];

type Labels<L extends string> = readonly L[];

export function counter<L extends string>(
  name: string,
  help: string,
  labelNames: Labels<L> = [],
): Counter<L> {
  return new Counter({ name: `crm_${name}`, help, labelNames, registers: [metricsRegistry] });
}

export function latency<L extends string>(
  name: string,
  help: string,
  labelNames: Labels<L> = [],
): Histogram<L> {
  return new Histogram({
    name: `crm_${name}`,
    help,
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  });
}

/**
 * A gauge. `aggregator` says how a scrape of several workers combines it: `sum` for what each
 * worker holds (its sockets, its pool), `max` for what every worker reads from the same place (the
 * journal's backlog, read from the database).
 */
export function gauge<L extends string>(
  name: string,
  help: string,
  options: {
    labelNames?: Labels<L>;
    aggregator?: 'sum' | 'max';
    collect?: (this: Gauge<L>) => void | Promise<void>;
  } = {},
): Gauge<L> {
  return new Gauge({
    name: `crm_${name}`,
    help,
    labelNames: options.labelNames ?? [],
    aggregator: options.aggregator ?? 'sum',
    registers: [metricsRegistry],
    ...(options.collect ? { collect: options.collect } : {}),
  });
}

/** Seconds since `startedAt` (a performance.now() reading), for a histogram. */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

/** One reading of a sampled gauge: its labels and value. */
export type Sample<L extends string> = readonly [Partial<Record<L, string>>, number];

/**
 * A gauge read at scrape time from where the figure lives (a statement: the journal's backlog),
 * through the sources the running applications register (`watch`, undone at shutdown). When a
 * source fails the gauge keeps its last values: a scrape never fails for one figure.
 */
export function sampledGauge<L extends string>(
  name: string,
  help: string,
  options: { labelNames?: Labels<L>; aggregator?: 'sum' | 'max' } = {},
): { watch(read: () => Promise<readonly Sample<L>[]>): () => void } {
  const sources = new Set<() => Promise<readonly Sample<L>[]>>();
  gauge<L>(name, help, {
    ...options,
    async collect() {
      // Read every source first: resetting per source would keep only the last one's values.
      const read = await Promise.all([...sources].map((source) => source().catch(() => null)));
      if (read.includes(null)) return;
      this.reset();
      for (const samples of read)
        for (const [labels, value] of samples ?? []) this.set(labels, value);
    },
  });
  return {
    watch(read) {
      sources.add(read);
      return () => sources.delete(read);
    },
  };
}

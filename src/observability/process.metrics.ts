import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics } from 'prom-client';
import { gauge, metricsRegistry } from '../common/metrics/metrics.js';

let started = false;

/**
 * Node's own figures (prom-client's defaults: event-loop delay, GC, heap, handles, CPU) and the
 * event loop's utilisation between scrapes. Once per process: the e2e suite boots several apps in
 * one process, and a metric registers once.
 */
export function collectProcessMetrics(): void {
  if (started) return;
  started = true;
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 20 });
  let last = performance.eventLoopUtilization();
  gauge('event_loop_utilization', 'Share of time the event loop was busy since the last scrape.', {
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, last).utilization);
      last = now;
    },
  });
}

import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import { clusterMetrics, offerMetricsToSupervisor } from '../cluster/cluster-metrics.js';
import { SUPERVISED_WORKER_ENV } from '../cluster/cluster-host.js';
import { ForbiddenException } from '../common/errors/app.exception.js';
import { metricsRegistry } from '../common/metrics/metrics.js';
import { ObservabilityConfig } from './observability.config.js';
import { collectProcessMetrics } from './process.metrics.js';

const LOOPBACK = ['loopback'];
/** Longer than prom-client's own wait for the workers (5 s). */
const SUPERVISOR_TIMEOUT_MS = 6000;

/** Who may read the metrics, and their text. */
@Injectable()
export class MetricsScrape {
  private readonly allowed: (address: string) => boolean;
  private readonly token: Buffer | null;

  constructor(config: ObservabilityConfig) {
    collectProcessMetrics();
    if (process.env[SUPERVISED_WORKER_ENV]) offerMetricsToSupervisor();
    const trusted = proxyaddr.compile([...LOOPBACK, ...config.METRICS_ALLOW]);
    this.allowed = (address) => trusted(address, 0);
    this.token = config.METRICS_TOKEN ? Buffer.from(`Bearer ${config.METRICS_TOKEN}`) : null;
  }

  /**
   * The client's address as Fastify reads it (TRUST_PROXY decides whose X-Forwarded-For counts):
   * a public request relayed by a proxy on this host is not loopback.
   */
  permit(address: string, authorization: string | undefined): void {
    if (this.allowed(address) || this.hasToken(authorization)) return;
    throw new ForbiddenException('Metrics are read from an allowed address or with METRICS_TOKEN');
  }

  private hasToken(authorization: string | undefined): boolean {
    if (!this.token || authorization === undefined) return false;
    const given = Buffer.from(authorization);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  async text(): Promise<{ contentType: string; text: string }> {
    const text = process.env[SUPERVISED_WORKER_ENV]
      ? await clusterMetrics(SUPERVISOR_TIMEOUT_MS)
      : await metricsRegistry.metrics();
    return { contentType: metricsRegistry.contentType, text };
  }
}

import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { LightNodeClient } from '@sentry/node-core/light';
import { onServerFault, type ServerFault } from '../common/errors/server-faults.js';
import { requestContext } from '../common/http/request-context.js';
import { PlatformConfig } from '../config/platform.config.js';
import { reportTags, scrubReport } from './error-report.js';
import { ObservabilityConfig } from './observability.config.js';

type Sentry = typeof import('@sentry/node-core/light');

/** How long shutdown waits for reports still on their way: a stuck collector must not hold it. */
const FLUSH_TIMEOUT_MS = 2000;

/**
 * Server faults (common/errors/server-faults.ts: INTERNAL_SERVER_ERROR answers, failed jobs and
 * after-commit work) reported to Sentry when SENTRY_DSN is set. Errors only: no tracing, no
 * instrumentation of http, Fastify or pg (the SDK's light mode, with none of its default
 * integrations), so a request costs nothing until it fails. Without a DSN the SDK is not loaded.
 */
@Injectable()
export class ErrorTracking implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ErrorTracking.name);
  private sentry?: Sentry;
  private client?: LightNodeClient;
  private unsubscribe?: () => void;

  constructor(
    private readonly config: ObservabilityConfig,
    private readonly platform: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dsn = this.config.SENTRY_DSN;
    if (!dsn) return;
    const sentry = await import('@sentry/node-core/light');
    this.sentry = sentry;
    this.client = sentry.initWithoutDefaultIntegrations({
      dsn,
      environment: this.config.SENTRY_ENVIRONMENT ?? this.platform.NODE_ENV,
      // Empty rather than unset: the SDK would otherwise guess one from CI and hosting variables.
      release: this.config.SENTRY_RELEASE ?? '',
      // An error's `cause` chain, and the host's runtime, OS and memory: nothing per request.
      integrations: [sentry.linkedErrorsIntegration(), sentry.nodeContextIntegration()],
      sendDefaultPii: false,
      sendClientReports: false,
      maxBreadcrumbs: 0,
      beforeSend: scrubReport,
    });
    this.unsubscribe = onServerFault((fault) => this.capture(sentry, fault));
    this.logger.log(`server faults are reported to Sentry (${new URL(dsn).host})`);
  }

  private capture(sentry: Sentry, fault: ServerFault): void {
    const context = requestContext();
    sentry.captureException(fault.error, {
      level: 'error',
      tags: reportTags(fault, context),
      user: context?.userId ? { id: context.userId } : undefined,
    });
  }

  /**
   * The process's own last resorts, reported before it exits as Node would (serve.ts; not the
   * test harness, whose process is Jest's): an uncaught exception, an unhandled rejection.
   */
  watchProcess(): void {
    if (!this.sentry || !this.client) return;
    this.client.addIntegration(this.sentry.onUncaughtExceptionIntegration());
    this.client.addIntegration(this.sentry.onUnhandledRejectionIntegration({ mode: 'strict' }));
  }

  /** Sends what is queued; resolves false when `timeoutMs` passed first. */
  async flush(timeoutMs = FLUSH_TIMEOUT_MS): Promise<boolean> {
    return this.client ? this.client.flush(timeoutMs) : true;
  }

  /** After the HTTP server has closed: the last requests' reports go out, briefly waited for. */
  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    if (this.client && !(await this.client.close(FLUSH_TIMEOUT_MS)))
      this.logger.warn(`error reports still unsent after ${FLUSH_TIMEOUT_MS} ms were dropped`);
  }
}

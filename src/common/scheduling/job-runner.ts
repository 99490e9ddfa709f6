import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PeriodicJob } from './periodic-job.js';

/**
 * The one place periodic jobs are started and stopped: at boot it finds every provider extending
 * PeriodicJob, in whichever module, and starts those whose settings turn them on; at shutdown,
 * after the HTTP server has drained, it stops them and waits for the passes under way.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private started: PeriodicJob[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  /** Every job of the application, started or not. */
  jobs(): PeriodicJob[] {
    const found = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is PeriodicJob => instance instanceof PeriodicJob);
    return [...new Set(found)];
  }

  onApplicationBootstrap(): void {
    for (const job of this.jobs()) {
      const schedule = job.schedule();
      if (!schedule) continue;
      job.start(schedule);
      this.started.push(job);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const started = this.started;
    this.started = [];
    await Promise.all(started.map((job) => job.stop()));
  }
}

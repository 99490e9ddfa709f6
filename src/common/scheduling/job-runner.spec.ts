import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobsModule } from './jobs.module.js';
import { JobRunner } from './job-runner.js';
import { PeriodicJob, type JobSchedule } from './periodic-job.js';

/** A job whose passes the test releases one at a time. */
@Injectable()
class GatedJob extends PeriodicJob {
  readonly label = 'gated';
  passes = 0;
  started = new Promise<void>((resolve) => (this.onStart = resolve));
  release!: () => void;
  private onStart!: () => void;

  schedule(): JobSchedule {
    return { everyMs: 1, firstAfterMs: 0 };
  }

  run(): Promise<void> {
    this.passes++;
    this.onStart();
    return new Promise((resolve) => (this.release = resolve));
  }
}

/** A job its settings turn off. */
@Injectable()
class OffJob extends PeriodicJob {
  readonly label = 'off';
  passes = 0;

  schedule(): null {
    return null;
  }

  async run(): Promise<void> {
    this.passes++;
  }
}

@Module({ imports: [JobsModule], providers: [GatedJob] })
class FeatureA {}

@Module({ imports: [JobsModule], providers: [OffJob] })
class FeatureB {}

@Module({ imports: [FeatureA, FeatureB] })
class Root {}

describe('JobRunner', () => {
  it('finds the jobs of every module, starts those turned on, and at shutdown waits for the pass under way', async () => {
    const app = await NestFactory.createApplicationContext(Root, { logger: false });
    const gated = app.get(GatedJob);
    expect(
      app
        .get(JobRunner)
        .jobs()
        .map((job) => job.label)
        .sort(),
    ).toEqual(['gated', 'off']);

    await gated.started;
    // A pass under way is not doubled, however many times the timer fires meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gated.passes).toBe(1);

    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gated.release();
    await closing;
    expect(app.get(OffJob).passes).toBe(0);
    // Stopped: no pass after shutdown.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gated.passes).toBe(1);
  });
});

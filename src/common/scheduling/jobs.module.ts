import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner.js';

/**
 * Imported by every module that has a periodic job (a PeriodicJob provider), so that the job runs
 * wherever its module boots, the whole application or a test's slice of it. One JobRunner in all.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [JobRunner],
  exports: [JobRunner],
})
export class JobsModule {}

import { Module } from '@nestjs/common';
import { ErrorTracking } from './error-tracking.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsScrape } from './metrics-scrape.js';

/** What the server tells the people running it (docs/operations.md): metrics and server faults. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsScrape, ErrorTracking],
})
export class ObservabilityModule {}

import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsScrape } from './metrics-scrape.js';

/** What the server tells the people running it (docs/operations.md): metrics first. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsScrape],
})
export class ObservabilityModule {}

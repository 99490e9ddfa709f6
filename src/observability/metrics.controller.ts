import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators/public.decorator.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators.js';
import { MetricsScrape } from './metrics-scrape.js';

/**
 * Prometheus text for the whole instance (every worker, with WEB_CONCURRENCY > 1). Not public:
 * answered to loopback, `METRICS_ALLOW`, or a bearer `METRICS_TOKEN` (MetricsScrape.permits).
 */
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get()
  async metrics(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.scrape.permit(request.ip, request.headers.authorization);
    const { contentType, text } = await this.scrape.text();
    await reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
  }
}

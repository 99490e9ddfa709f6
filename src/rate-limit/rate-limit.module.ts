import { Module } from '@nestjs/common';
import { RateLimiters } from './rate-limiters.js';
import { RateLimitGuard } from './rate-limit.guard.js';

@Module({
  providers: [RateLimiters, RateLimitGuard],
  exports: [RateLimiters, RateLimitGuard],
})
export class RateLimitModule {}

import { Module } from '@nestjs/common';
import { LoginRefundListener } from './login-refund.listener.js';
import { RateLimiters } from './rate-limiters.js';
import { RateLimitGuard } from './rate-limit.guard.js';

@Module({
  providers: [RateLimiters, RateLimitGuard, LoginRefundListener],
  exports: [RateLimiters, RateLimitGuard],
})
export class RateLimitModule {}

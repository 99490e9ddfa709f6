import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessTokenAuthenticator } from './access-token-authenticator.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { CallerCache } from './caller-cache.js';
import { AuthGuard } from './guards/auth.guard.js';
import { LoginRefundListener } from './login-refund.listener.js';
import { RevokeSessionsListener } from './revoke-sessions.listener.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { RefreshTokenRepository } from './tokens/refresh-token.repository.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

@Module({
  imports: [UsersModule, RateLimitModule],
  providers: [
    AuthService,
    AuthResolver,
    AccessTokenService,
    RefreshTokenRepository,
    RefreshTokenService,
    RevokeSessionsListener,
    LoginRefundListener,
    AuthGuard,
    AccessTokenAuthenticator,
    CallerCache,
  ],
  exports: [AuthGuard, AccessTokenAuthenticator, AccessTokenService, UsersModule],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { CallerCache } from './caller-cache.js';
import { AuthGuard } from './guards/auth.guard.js';
import { RevokeSessionsListener } from './revoke-sessions.listener.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { RefreshTokenRepository } from './tokens/refresh-token.repository.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

@Module({
  imports: [UsersModule],
  providers: [
    AuthService,
    AuthResolver,
    AccessTokenService,
    RefreshTokenRepository,
    RefreshTokenService,
    RevokeSessionsListener,
    AuthGuard,
    CallerCache,
  ],
  exports: [AuthGuard, AccessTokenService, UsersModule],
})
export class AuthModule {}

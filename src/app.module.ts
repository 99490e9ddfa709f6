import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthGuard } from './auth/guards/auth.guard.js';
import { AccessGuard } from './access/access.guard.js';
import { enforceFieldAccess } from './access/field-access.js';
import { AppExceptionFilter } from './common/errors/app-exception.filter.js';
import { validationException } from './common/errors/validation.js';
import { EventsModule } from './common/events/events.module.js';
import { GraphqlConfig } from './common/graphql/graphql.config.js';
import {
  CompiledApolloDriver,
  type CompiledApolloDriverConfig,
} from './common/graphql/jit/compiled-apollo.driver.js';
import type { AppConfig } from './config/load-config.js';
import { PlatformConfig } from './config/platform.config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { LoaderRegistry } from './common/graphql/loaders.js';
import { LoadersModule } from './common/graphql/loaders.module.js';
import { graphqlOptions } from './common/graphql/graphql-options.js';
import { measureLongTexts } from './common/graphql/answer-size.plugin.js';
import { HealthModule } from './health/health.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { IngestionModule } from './ingestion/ingestion.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { DealsModule } from './deals/deals.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { InteractionsModule } from './interactions/interactions.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        EventsModule,
        LoadersModule,
        GraphQLModule.forRootAsync<CompiledApolloDriverConfig>({
          driver: CompiledApolloDriver,
          imports: [LoadersModule],
          inject: [LoaderRegistry],
          useFactory: (loaders: LoaderRegistry) => ({
            ...graphqlOptions(config.get(GraphqlConfig), config.get(PlatformConfig), loaders),
            // Here, as graphql/ knows no permission: fields of records answer under their root's.
            transformSchema: (schema) => enforceFieldAccess(measureLongTexts(schema)),
          }),
        }),
        RateLimitModule,
        AuthModule,
        LeadsModule,
        InteractionsModule,
        IngestionModule,
        CompaniesModule,
        DealsModule,
        TasksModule,
        CommentsModule,
        NotificationsModule,
        ScoringModule,
        ApiKeysModule,
        AuditModule,
        HealthModule,
        ObservabilityModule,
      ],
      providers: [
        // Guards run in this order: throttle before spending a database lookup on the token.
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
        // Then the action the operation declares (@Requires), once the caller is known.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            transform: true,
            whitelist: true,
            forbidUnknownValues: false,
            exceptionFactory: validationException,
          }),
        },
      ],
    };
  }
}

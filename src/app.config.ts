import { AuthConfig } from './auth/auth.config.js';
import { GraphqlConfig } from './common/graphql/graphql.config.js';
import { type AppConfig, loadSlices } from './config/load-config.js';
import { PlatformConfig } from './config/platform.config.js';
import { DatabaseConfig } from './database/database.config.js';
import { ExportConfig } from './database/export.config.js';
import { DealsConfig } from './deals/deals.config.js';
import { IngestionConfig } from './ingestion/ingestion.config.js';
import { NotificationsConfig } from './notifications/notifications.config.js';
import { ObservabilityConfig } from './observability/observability.config.js';
import { RateLimitConfig } from './rate-limit/rate-limit.config.js';
import { AiConfig } from './scoring/ai.config.js';
import { ScoringConfig } from './scoring/scoring.config.js';
import { TasksConfig } from './tasks/tasks.config.js';
import { UsersConfig } from './users/users.config.js';

/**
 * Every configuration slice the process reads, in the order docs/configuration.md prints them:
 * a feature with variables adds its slice here.
 */
export const CONFIG_SLICES = [
  PlatformConfig,
  GraphqlConfig,
  DatabaseConfig,
  ExportConfig,
  RateLimitConfig,
  AuthConfig,
  UsersConfig,
  IngestionConfig,
  ScoringConfig,
  AiConfig,
  DealsConfig,
  TasksConfig,
  NotificationsConfig,
  ObservabilityConfig,
] as const;

/** Reads and validates every slice from the environment; throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadSlices(CONFIG_SLICES, env);
}

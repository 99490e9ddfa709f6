import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig, SET_IN_ENVIRONMENT } from './app-config.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KNOWN_KEYS = Object.keys(new AppConfig());

function firstMessage(error: ValidationError): string {
  const constraint = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  // class-validator prefixes messages with the property name; keep exactly one mention of it.
  const text = constraint.startsWith(error.property)
    ? constraint.slice(error.property.length).trim()
    : constraint;
  return `${error.property} ${text}`;
}

/**
 * Reads the environment once. Empty strings count as unset, so `.env.example` can be copied as is.
 * Throws ConfigError with a one-line message naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of KNOWN_KEYS) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const config = plainToInstance(AppConfig, raw);
  config[SET_IN_ENVIRONMENT] = new Set(Object.keys(raw));
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${firstMessage(errors[0])}`);
  }
  if (config.DB_POOL_MIN > config.DB_POOL_MAX) {
    throw new ConfigError('Invalid configuration: DB_POOL_MIN must not exceed DB_POOL_MAX');
  }
  if (
    config.EXPORT_MAX_CONCURRENT !== undefined &&
    config.EXPORT_MAX_CONCURRENT >= config.DB_POOL_MAX
  ) {
    // Exports hold their connection while the client reads: they must leave some to everyone else.
    throw new ConfigError('Invalid configuration: EXPORT_MAX_CONCURRENT must be below DB_POOL_MAX');
  }
  if (
    config.EXPORT_MAX_PER_COMPANY !== undefined &&
    config.EXPORT_MAX_PER_COMPANY > config.exportMaxConcurrent
  ) {
    // A company cap above the instance's cap would say what it cannot do.
    throw new ConfigError(
      'Invalid configuration: EXPORT_MAX_PER_COMPANY must not exceed EXPORT_MAX_CONCURRENT',
    );
  }
  if (config.INGEST_IDEMPOTENCY_WAIT_MS >= config.INGEST_LEASE_SECONDS * 1000) {
    // A resend waiting out the first request must give up before that request's lease runs out,
    // or another instance could take the same submission over while it still waits.
    throw new ConfigError(
      'Invalid configuration: INGEST_IDEMPOTENCY_WAIT_MS must be below INGEST_LEASE_SECONDS',
    );
  }
  if (
    config.AI_TOTAL_TIMEOUT_MS < config.AI_ATTEMPT_TIMEOUT_MS ||
    config.AI_TOTAL_TIMEOUT_MS >= config.HTTP_REQUEST_TIMEOUT_MS
  ) {
    // The summary must be answered, or refused, before the client's request itself times out.
    throw new ConfigError(
      'Invalid configuration: AI_TOTAL_TIMEOUT_MS must be at least AI_ATTEMPT_TIMEOUT_MS and below HTTP_REQUEST_TIMEOUT_MS',
    );
  }
  if (config.WEB_CONCURRENCY > 1 && !(config.DATABASE_URL && config.REDIS_URL)) {
    // Workers are instances: they must share rate limits, caches and broadcasts (Redis) and one
    // database (an embedded PostgreSQL belongs to a single process).
    throw new ConfigError(
      'Invalid configuration: WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL',
    );
  }
  return config;
}

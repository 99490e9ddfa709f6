import { loadConfig } from '../../src/app.config.js';
import { GraphqlConfig } from '../../src/common/graphql/graphql.config.js';
import { ConfigError } from '../../src/config/load-config.js';
import { PlatformConfig } from '../../src/config/platform.config.js';
import { AuthConfig } from '../../src/auth/auth.config.js';
import { DatabaseConfig } from '../../src/database/database.config.js';
import { ExportConfig } from '../../src/database/export.config.js';

describe('loadConfig', () => {
  const platform = (env: Record<string, string>) => loadConfig(env).get(PlatformConfig);
  const fails = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected loadConfig to fail');
  };

  it('works with an empty environment, using development defaults', () => {
    const sut = loadConfig({});
    expect(sut.get(PlatformConfig).NODE_ENV).toBe('development');
    expect(sut.get(PlatformConfig).PORT).toBe(3000);
    expect(sut.get(DatabaseConfig).DATABASE_URL).toBeUndefined();
    expect(sut.get(GraphqlConfig).introspection).toBe(true);
  });

  it('parses numbers, booleans and lists from strings', () => {
    const sut = loadConfig({
      PORT: '8080',
      DB_SKIP_MIGRATIONS: 'true',
      CORS_ORIGINS: 'https://a.test, https://b.test',
    });
    expect(sut.get(PlatformConfig).PORT).toBe(8080);
    expect(sut.get(DatabaseConfig).DB_SKIP_MIGRATIONS).toBe(true);
    expect(sut.get(PlatformConfig).CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
  });

  it('reads TRUST_PROXY as no proxy, a hop count or the proxies’ addresses', () => {
    const trustProxy = (env: Record<string, string>) => platform(env).TRUST_PROXY;
    expect(trustProxy({})).toBe(false);
    expect(trustProxy({ TRUST_PROXY: 'false' })).toBe(false);
    expect(trustProxy({ TRUST_PROXY: '2' })).toBe(2);
    expect(trustProxy({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10' })).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
    ]);
  });

  it('runs several workers only when they can share a database and Redis', () => {
    const sut = platform({
      WEB_CONCURRENCY: '4',
      DATABASE_URL: 'postgres://db/crm',
      REDIS_URL: 'redis://cache',
    });
    expect(sut.WEB_CONCURRENCY).toBe(4);
    expect(platform({}).WEB_CONCURRENCY).toBe(1);
  });

  it('keeps one company’s exports below the instance’s by default', () => {
    const perCompany = (env: Record<string, string>) =>
      loadConfig(env).get(ExportConfig).maxPerCompany;
    expect(perCompany({ DB_POOL_MAX: '10' })).toBe(2); // of 3
    expect(perCompany({ EXPORT_MAX_CONCURRENT: '4' })).toBe(2);
    expect(perCompany({ EXPORT_MAX_CONCURRENT: '2' })).toBe(1);
    expect(perCompany({ EXPORT_MAX_CONCURRENT: '4', EXPORT_MAX_PER_COMPANY: '4' })).toBe(4);
  });

  it('treats empty strings as unset', () => {
    const sut = loadConfig({ DATABASE_URL: '', PORT: ' ' });
    expect(sut.get(DatabaseConfig).DATABASE_URL).toBeUndefined();
    expect(sut.get(PlatformConfig).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT must not be greater than 65535$/],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV /],
    [
      { DATABASE_URL: 'mysql://x' },
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ connection URL$/,
    ],
    [
      { REDIS_URL: 'localhost:6379' },
      /^Invalid configuration: REDIS_URL must be a redis:\/\/ connection URL$/,
    ],
    [{ DB_SKIP_MIGRATIONS: 'maybe' }, /^Invalid configuration: DB_SKIP_MIGRATIONS /],
    [
      { DB_POOL_MIN: '20', DB_POOL_MAX: '5' },
      /^Invalid configuration: DB_POOL_MIN must not exceed DB_POOL_MAX$/,
    ],
    [
      { EXPORT_MAX_CONCURRENT: '2', EXPORT_MAX_PER_COMPANY: '3' },
      /^Invalid configuration: EXPORT_MAX_PER_COMPANY must not exceed EXPORT_MAX_CONCURRENT$/,
    ],
    [
      { INGEST_IDEMPOTENCY_WAIT_MS: '5000', INGEST_LEASE_SECONDS: '2' },
      /^Invalid configuration: INGEST_IDEMPOTENCY_WAIT_MS must be below INGEST_LEASE_SECONDS$/,
    ],
    [
      { EXPORT_MAX_CONCURRENT: '5', DB_POOL_MAX: '5' },
      /^Invalid configuration: EXPORT_MAX_CONCURRENT must be below DB_POOL_MAX$/,
    ],
    [
      { AI_TOTAL_TIMEOUT_MS: '30000' },
      /^Invalid configuration: AI_TOTAL_TIMEOUT_MS must be at least AI_ATTEMPT_TIMEOUT_MS and below HTTP_REQUEST_TIMEOUT_MS$/,
    ],
    [
      { INGEST_BODY_LIMIT_BYTES: '1024', INGEST_COMPANY_BYTES_PER_DAY: '1024' },
      /^Invalid configuration: INGEST_COMPANY_BYTES_PER_DAY must be at least what the largest submission \(INGEST_BODY_LIMIT_BYTES\) is charged: \d+$/,
    ],
    [
      { NODE_ENV: 'production' },
      /^Invalid configuration: JWT_SECRET is required when NODE_ENV=production$/,
    ],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'too-short' },
      /^Invalid configuration: JWT_SECRET must be at least 32 bytes long$/,
    ],
    [
      // What docker-compose.yml used to fall back to: long enough, and known to every reader.
      { NODE_ENV: 'production', JWT_SECRET: 'change-me-change-me-change-me-change-me-000' },
      /^Invalid configuration: JWT_SECRET looks like a placeholder/,
    ],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(64) },
      /^Invalid configuration: JWT_SECRET looks like a placeholder/,
    ],
    [
      { TRUST_PROXY: 'true' },
      /^Invalid configuration: TRUST_PROXY must be false, a number of proxy hops/,
    ],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [{ TRUST_PROXY: '0.0.0.0/0' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [{ TRUST_PROXY: '::/0' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [{ TRUST_PROXY: '1000' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [{ WEB_CONCURRENCY: '0' }, /^Invalid configuration: WEB_CONCURRENCY must not be less than 1$/],
    [
      { WEB_CONCURRENCY: '65' },
      /^Invalid configuration: WEB_CONCURRENCY must not be greater than 64$/,
    ],
    [{ WEB_CONCURRENCY: 'four' }, /^Invalid configuration: WEB_CONCURRENCY /],
    [
      { WEB_CONCURRENCY: '2' },
      /^Invalid configuration: WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL$/,
    ],
    [
      { WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/crm' },
      /^Invalid configuration: WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL$/,
    ],
    [
      { WEB_CONCURRENCY: '2', REDIS_URL: 'redis://cache' },
      /^Invalid configuration: WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL$/,
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const text = fails(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('measures the secret in bytes', () => {
    // 16 two-byte characters: 32 bytes, enough.
    const secret = 'éàüöñçøåßæéàüöñç';
    const sut = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(sut.get(AuthConfig).JWT_SECRET).toBe(secret);
  });

  it('turns introspection and the IDE off in production unless asked for', () => {
    const secret = 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5';
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).get(GraphqlConfig);
    expect([prod.introspection, prod.ide]).toEqual([false, false]);
    const enabled = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      GRAPHQL_INTROSPECTION: 'true',
    }).get(GraphqlConfig);
    expect(enabled.introspection).toBe(true);
  });
});

import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
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
    expect(sut.NODE_ENV).toBe('development');
    expect(sut.PORT).toBe(3000);
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.graphqlIntrospection).toBe(true);
  });

  it('parses numbers, booleans and lists from strings', () => {
    const sut = loadConfig({
      PORT: '8080',
      DB_SKIP_MIGRATIONS: 'true',
      CORS_ORIGINS: 'https://a.test, https://b.test',
    });
    expect(sut.PORT).toBe(8080);
    expect(sut.DB_SKIP_MIGRATIONS).toBe(true);
    expect(sut.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
  });

  it('reads TRUST_PROXY as no proxy, a hop count or the proxies’ addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
    ]);
  });

  it('runs several workers only when they can share a database and Redis', () => {
    const sut = loadConfig({
      WEB_CONCURRENCY: '4',
      DATABASE_URL: 'postgres://db/crm',
      REDIS_URL: 'redis://cache',
    });
    expect(sut.WEB_CONCURRENCY).toBe(4);
    expect(loadConfig({}).WEB_CONCURRENCY).toBe(1);
  });

  it('keeps one company’s exports below the instance’s by default', () => {
    expect(loadConfig({ DB_POOL_MAX: '10' }).exportMaxPerCompany).toBe(2); // of 3
    expect(loadConfig({ EXPORT_MAX_CONCURRENT: '4' }).exportMaxPerCompany).toBe(2);
    expect(loadConfig({ EXPORT_MAX_CONCURRENT: '2' }).exportMaxPerCompany).toBe(1);
    expect(
      loadConfig({ EXPORT_MAX_CONCURRENT: '4', EXPORT_MAX_PER_COMPANY: '4' }).exportMaxPerCompany,
    ).toBe(4);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).DATABASE_URL).toBeUndefined();
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
    // 16 two-byte characters: 32 bytes, enough.
    const secret = 'éàüöñçøåßæéàüöñç';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it('turns introspection and the IDE off in production unless asked for', () => {
    const secret = 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5';
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect([prod.graphqlIntrospection, prod.graphqlIde]).toEqual([false, false]);
    const enabled = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      GRAPHQL_INTROSPECTION: 'true',
    });
    expect(enabled.graphqlIntrospection).toBe(true);
  });
});

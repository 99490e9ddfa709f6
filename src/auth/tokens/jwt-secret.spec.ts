import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSlices } from '../../config/load-config.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { DatabaseConfig } from '../../database/database.config.js';
import { AuthConfig } from '../auth.config.js';
import { jwtSecretOf, persistedSecret } from './jwt-secret.js';

/** The secret the slices an environment sets give. */
function secretOf(env: Record<string, string>): string {
  const config = loadSlices([PlatformConfig, DatabaseConfig, AuthConfig], env);
  return jwtSecretOf(
    config.get(AuthConfig),
    config.get(PlatformConfig),
    config.get(DatabaseConfig),
  );
}

describe('jwtSecretOf', () => {
  it('uses JWT_SECRET when given', () => {
    const secret = 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5';
    expect(secretOf({ JWT_SECRET: secret })).toBe(secret);
  });

  it('gives development one random secret per data directory, kept across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-secret-'));
    const env = { EMBEDDED_PG_DIR: join(dir, 'postgres') };
    const first = secretOf(env);
    expect(first).toMatch(/^[\w-]{64}$/);
    expect(secretOf(env)).toBe(first);
    const file = join(dir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0); // readable by its owner only

    const other = mkdtempSync(join(tmpdir(), 'crm-secret-'));
    expect(secretOf({ EMBEDDED_PG_DIR: join(other, 'postgres') })).not.toBe(first);
  });

  it('refuses a secret file others may read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crm-secret-')), 'jwt-secret');
    writeFileSync(file, 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5');
    chmodSync(file, 0o644);
    expect(() => persistedSecret(file)).toThrow(/chmod 600/);
  });

  it('agrees when several processes create it at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crm-secret-')), 'jwt-secret');
    const secrets = new Set(Array.from({ length: 5 }, () => persistedSecret(file)));
    expect(secrets.size).toBe(1);
  });

  it('gives tests a random secret per process, never a constant', () => {
    const secret = secretOf({ NODE_ENV: 'test' });
    expect(secret).toMatch(/^[\w-]{64}$/);
    expect(secretOf({ NODE_ENV: 'test' })).toBe(secret);
  });
});

import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { jwtSecretOf, persistedSecret } from './jwt-secret.js';

describe('jwtSecretOf', () => {
  it('uses JWT_SECRET when given', () => {
    const secret = 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5';
    expect(jwtSecretOf(loadConfig({ JWT_SECRET: secret }))).toBe(secret);
  });

  it('gives development one random secret per data directory, kept across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-secret-'));
    const config = loadConfig({ EMBEDDED_PG_DIR: join(dir, 'postgres') });
    const first = jwtSecretOf(config);
    expect(first).toMatch(/^[\w-]{64}$/);
    expect(jwtSecretOf(config)).toBe(first);
    const file = join(dir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0); // readable by its owner only

    const other = mkdtempSync(join(tmpdir(), 'crm-secret-'));
    expect(jwtSecretOf(loadConfig({ EMBEDDED_PG_DIR: join(other, 'postgres') }))).not.toBe(first);
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
    const secret = jwtSecretOf(loadConfig({ NODE_ENV: 'test' }));
    expect(secret).toMatch(/^[\w-]{64}$/);
    expect(jwtSecretOf(loadConfig({ NODE_ENV: 'test' }))).toBe(secret);
  });
});

import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NodeEnv, type PlatformConfig } from '../../config/platform.config.js';
import type { DatabaseConfig } from '../../database/database.config.js';
import type { AuthConfig } from '../auth.config.js';

let processSecret: string | undefined;

const newSecret = (): string => randomBytes(48).toString('base64url');

/**
 * The key access tokens are signed with. JWT_SECRET when given (required in production). Without
 * it, never a constant anyone could read in this repository: tests get one per process, and
 * development one per data directory, written next to the embedded database's files so that
 * tokens survive a restart and every worker of one machine shares it.
 */
export function jwtSecretOf(
  auth: AuthConfig,
  platform: PlatformConfig,
  database: DatabaseConfig,
): string {
  if (auth.JWT_SECRET) return auth.JWT_SECRET;
  if (platform.NODE_ENV === NodeEnv.Production)
    throw new Error('JWT_SECRET is required when NODE_ENV=production');
  if (platform.NODE_ENV === NodeEnv.Test) return (processSecret ??= newSecret());
  return persistedSecret(join(dirname(database.EMBEDDED_PG_DIR), 'jwt-secret'));
}

/** Read, or created once: written aside and linked into place, so no reader sees half a file. */
export function persistedSecret(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, newSecret(), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} holds no secret`);
  return secret;
}

/** The secret in `file`, refused when others than its owner may read or write it. */
function readSecret(file: string): string | null {
  try {
    const { mode, uid } = statSync(file);
    if ((mode & 0o077) !== 0 || (process.getuid && uid !== process.getuid()))
      throw new Error(`${file} must belong to this user and be readable by it alone (chmod 600)`);
    return readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

import { createHash, randomBytes } from 'node:crypto';

/** A high-entropy random secret, URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets with 256 bits of entropy need no slow hash: SHA-256 is enough and allows an indexed lookup. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

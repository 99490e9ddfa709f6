import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { PlatformConfig } from '../../config/platform.config.js';
import { DatabaseConfig } from '../../database/database.config.js';
import { AuthConfig } from '../auth.config.js';
import { AuthException, AuthReason } from '../auth.exception.js';
import { jwtSecretOf } from './jwt-secret.js';
import { Role } from '../role.enum.js';

export interface AccessTokenClaims {
  sub: string;
  cid: string;
  role: Role;
  /** The session (refresh-token family): the token dies with it, before it expires. */
  sid: string;
}

const ALGORITHM = 'HS256';

/** Tokens remembered as verified; a client reuses its token for every request until it expires. */
const MAX_VERIFIED = 10_000;

/** Short-lived JWT access tokens: algorithm pinned, issuer, audience and expiry always checked. */
@Injectable()
export class AccessTokenService {
  // Built once: given a string, jsonwebtoken derives a key on every call (~0.7 ms each).
  private readonly key: KeyObject;
  /**
   * Tokens already verified, with their claims and expiry: the same string carries the same
   * signature, so it is checked once, not on every request (~20 µs of HMAC and JSON each). Only
   * the expiry is looked at again. Oldest first, so that the first entry is the one to drop.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

  constructor(
    private readonly config: AuthConfig,
    platform: PlatformConfig,
    database: DatabaseConfig,
  ) {
    this.key = createSecretKey(Buffer.from(jwtSecretOf(config, platform, database), 'utf8'));
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    return Promise.resolve(
      jwt.sign({ cid: claims.cid, role: claims.role, sid: claims.sid }, this.key, {
        algorithm: ALGORITHM,
        subject: claims.sub,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      }),
    );
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    return (await this.verifyWithExpiry(token)).claims;
  }

  /** The claims, and when the token expires (epoch ms): a socket is closed then. */
  verifyWithExpiry(token: string): Promise<{ claims: AccessTokenClaims; expiresAt: number }> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return Promise.resolve(known);
    if (known) this.verified.delete(token);
    try {
      const verified = this.verifySignature(token);
      if (this.verified.size >= MAX_VERIFIED)
        this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, verified);
      return Promise.resolve(verified);
    } catch {
      return Promise.reject(
        new AuthException(AuthReason.INVALID_ACCESS_TOKEN, 'Invalid or expired access token'),
      );
    }
  }

  private verifySignature(token: string): { claims: AccessTokenClaims; expiresAt: number } {
    const payload = jwt.verify(token, this.key, {
      algorithms: [ALGORITHM],
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
    });
    if (typeof payload === 'string') throw new Error('payload');
    const { sub, cid, role, sid, exp } = payload as Record<string, unknown>;
    if (
      typeof sub !== 'string' ||
      typeof cid !== 'string' ||
      typeof role !== 'string' ||
      typeof sid !== 'string' ||
      typeof exp !== 'number'
    )
      throw new Error('claims');
    return { claims: { sub, cid, role: role as Role, sid }, expiresAt: exp * 1000 };
  }
}

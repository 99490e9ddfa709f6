import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
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

/** Short-lived JWT access tokens: algorithm pinned, issuer, audience and expiry always checked. */
@Injectable()
export class AccessTokenService {
  // Built once: given a string, jsonwebtoken derives a key on every call (~0.7 ms each).
  private readonly key: KeyObject;

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(jwtSecretOf(config), 'utf8'));
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

  verify(token: string): Promise<AccessTokenClaims> {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      if (typeof payload === 'string') throw new Error('payload');
      const { sub, cid, role, sid } = payload as Record<string, unknown>;
      if (
        typeof sub !== 'string' ||
        typeof cid !== 'string' ||
        typeof role !== 'string' ||
        typeof sid !== 'string'
      )
        throw new Error('claims');
      return Promise.resolve({ sub, cid, role: role as Role, sid });
    } catch {
      return Promise.reject(
        new AuthException(AuthReason.INVALID_ACCESS_TOKEN, 'Invalid or expired access token'),
      );
    }
  }
}

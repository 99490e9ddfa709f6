import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.js';
import { UnauthenticatedException } from '../../common/errors/app.exception.js';
import { Role } from '../role.enum.js';

export interface AccessTokenClaims {
  sub: string;
  cid: string;
  role: Role;
}

const ALGORITHM = 'HS256';

/** Short-lived JWT access tokens: algorithm pinned, issuer, audience and expiry always checked. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(
      { cid: claims.cid, role: claims.role },
      {
        secret: this.config.jwtSecret,
        algorithm: ALGORITHM,
        subject: claims.sub,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      },
    );
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const payload = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        secret: this.config.jwtSecret,
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      const { sub, cid, role } = payload;
      if (typeof sub !== 'string' || typeof cid !== 'string' || typeof role !== 'string')
        throw new Error('claims');
      return { sub, cid, role: role as Role };
    } catch {
      throw new UnauthenticatedException('Invalid or expired access token');
    }
  }
}

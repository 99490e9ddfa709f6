import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Transaction } from 'sequelize';
import { AuthConfig } from '../auth.config.js';
import { Transactions } from '../../database/transactions.js';
import { AuthException, AuthReason } from '../auth.exception.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { hashSecret, randomSecret } from './secret-token.js';

export type RotationResult =
  | { outcome: 'rotated'; userId: string; token: string; sessionId: string }
  | { outcome: 'reused'; userId: string; sessionId: string }
  | { outcome: 'invalid' };

/**
 * Opaque refresh tokens, stored as hashes. Each use replaces the token with a new one of the same
 * family; presenting an already-replaced token means it leaked, so the whole family is revoked.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly transactions: Transactions,
    private readonly config: AuthConfig,
  ) {}

  async issue(
    userId: string,
    transaction?: Transaction,
    familyId: string = randomUUID(),
  ): Promise<{ id: string; token: string; sessionId: string }> {
    const token = randomSecret();
    const row = await this.tokens.create(
      { userId, familyId, tokenHash: hashSecret(token), expiresAt: this.expiry() },
      transaction,
    );
    // The family is the session: access tokens name it, and it ends with logout or reuse.
    return { id: row.id, token, sessionId: familyId };
  }

  /** Returns the rotated token or why it was refused; the family revocation commits either way. */
  rotate(
    token: string,
    isUserActive: (userId: string, t: Transaction) => Promise<boolean>,
  ): Promise<RotationResult> {
    return this.transactions.run(async (transaction): Promise<RotationResult> => {
      const current = await this.tokens.findByHashForUpdate(hashSecret(token), transaction);
      if (!current) return { outcome: 'invalid' };
      if (current.revokedAt) {
        await this.tokens.revokeFamily(current.familyId, transaction);
        return { outcome: 'reused', userId: current.userId, sessionId: current.familyId };
      }
      if (
        current.expiresAt.getTime() <= Date.now() ||
        !(await isUserActive(current.userId, transaction))
      ) {
        await this.tokens.revokeFamily(current.familyId, transaction);
        return { outcome: 'invalid' };
      }
      const next = await this.issue(current.userId, transaction, current.familyId);
      await this.tokens.markReplaced(current, next.id, transaction);
      return {
        outcome: 'rotated',
        userId: current.userId,
        token: next.token,
        sessionId: current.familyId,
      };
    });
  }

  /** Whether the session is open: a token of its family is neither revoked nor expired. */
  isSessionLive(userId: string, sessionId: string): Promise<boolean> {
    return this.tokens.isFamilyLive(userId, sessionId);
  }

  /** Ends the session `token` belongs to, if it is the caller's; returns the session. */
  async revokeSession(userId: string, token: string): Promise<string> {
    const row = await this.tokens.findByHash(hashSecret(token));
    if (!row || row.userId !== userId)
      throw new AuthException(AuthReason.INVALID_REFRESH_TOKEN, 'Unknown refresh token');
    await this.tokens.revokeFamily(row.familyId);
    return row.familyId;
  }

  revokeAll(userId: string, transaction?: Transaction): Promise<void> {
    return this.tokens.revokeAllForUser(userId, transaction);
  }

  private expiry(): Date {
    return new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  }
}

import { Injectable } from '@nestjs/common';
import { ActorKind, type Actor } from '../common/events/actor.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { Transactions } from '../database/transactions.js';
import { Accounts } from '../users/accounts.js';
import type { UserRecord } from '../users/user.record.js';
import { UsersService } from '../users/users.service.js';
import { AuthEvents } from './auth.events.js';
import { AuthException, AuthReason } from './auth.exception.js';
import {
  actorOf,
  anonymousActor,
  requireUser,
  type AuthContext,
  type RequestMeta,
} from './auth-context.js';
import { LoginInput } from './dto/login.input.js';
import { SignUpInput } from './dto/sign-up.input.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: UserRecord;
}

const INVALID_LOGIN = 'Invalid email or password';

/** The actor of what a user does before holding a token (logging in, refreshing). */
function userActor(user: Pick<UserRecord, 'id' | 'companyId'>, meta: RequestMeta): Actor {
  return { ...anonymousActor(meta, user.companyId), kind: ActorKind.USER, userId: user.id };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: Accounts,
    private readonly usersService: UsersService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** Creates a company and its first ADMIN, and signs them in. */
  async signUp(meta: RequestMeta, input: SignUpInput): Promise<Session> {
    const passwordHash = await this.usersService.newPasswordHash(input.email, input.password);
    return this.transactions.run(async (transaction) => {
      const { password: _, ...person } = input;
      const user = await this.usersService.createCompany(
        meta,
        { ...person, passwordHash },
        transaction,
      );
      const refresh = await this.refreshTokens.issue(user.id, transaction);
      return {
        user,
        refreshToken: refresh.token,
        accessToken: await this.accessTokenFor(user, refresh.sessionId),
      };
    });
  }

  async login(meta: RequestMeta, input: LoginInput): Promise<Session> {
    const { user, passwordOk } = await this.accounts.checkPassword(input.email, input.password);
    if (!user || !passwordOk || !user.isActive) {
      const reason = !user ? 'unknown email' : !passwordOk ? 'wrong password' : 'user deactivated';
      await this.events.publish(
        AuthEvents.LoginFailed,
        {
          entity: 'User',
          records: [{ id: user?.id ?? null, details: { email: input.email, reason } }],
        },
        { actor: anonymousActor(meta, user?.companyId ?? null) },
      );
      throw new AuthException(AuthReason.INVALID_CREDENTIALS, INVALID_LOGIN);
    }
    const refresh = await this.refreshTokens.issue(user.id);
    await this.events.publish(
      AuthEvents.LoginSucceeded,
      { entity: 'User', records: [{ id: user.id, details: { email: input.email } }] },
      { actor: userActor(user, meta) },
    );
    return {
      user,
      refreshToken: refresh.token,
      accessToken: await this.accessTokenFor(user, refresh.sessionId),
    };
  }

  async refresh(meta: RequestMeta, token: string): Promise<Session> {
    const result = await this.refreshTokens.rotate(token, async (userId, transaction) =>
      Boolean((await this.accounts.findById(userId, transaction))?.isActive),
    );
    if (result.outcome === 'reused') {
      const user = await this.accounts.findById(result.userId);
      await this.events.publish(
        AuthEvents.RefreshTokenReused,
        {
          entity: 'User',
          records: [{ id: result.userId, details: { sessionId: result.sessionId } }],
        },
        { actor: anonymousActor(meta, user?.companyId ?? null) },
      );
    }
    const invalid = new AuthException(AuthReason.INVALID_REFRESH_TOKEN, 'Invalid refresh token');
    if (result.outcome !== 'rotated') throw invalid;
    const user = await this.accounts.findById(result.userId);
    if (!user) throw invalid;
    return {
      user,
      refreshToken: result.token,
      accessToken: await this.accessTokenFor(user, result.sessionId),
    };
  }

  /** Ends the session of `refreshToken`, or every session of the caller when none is given. */
  async logout(auth: AuthContext, refreshToken?: string | null): Promise<boolean> {
    const { userId } = requireUser(auth);
    let sessionId: string | null = null;
    if (refreshToken) sessionId = await this.refreshTokens.revokeSession(userId, refreshToken);
    else await this.refreshTokens.revokeAll(userId);
    // Its listeners end the session's access tokens too, on every instance.
    await this.events.publish(
      AuthEvents.LoggedOut,
      { entity: 'User', records: [{ id: userId, details: { sessionId } }] },
      { actor: actorOf(auth) },
    );
    return true;
  }

  private accessTokenFor(
    user: Pick<UserRecord, 'id' | 'companyId' | 'role'>,
    sessionId: string,
  ): Promise<string> {
    return this.accessTokens.sign({
      sub: user.id,
      cid: user.companyId,
      role: user.role,
      sid: sessionId,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { DomainEvent } from '../common/events/domain-event.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { User } from '../users/models/user.model.js';
import { UserEvents } from '../users/users.events.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthEvents } from './auth.events.js';
import { actorOf, type AuthContext, type RequestMeta } from './auth-context.js';
import { LoginInput } from './dto/login.input.js';
import { SignUpInput } from './dto/sign-up.input.js';
import { Role } from './role.enum.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { PasswordHasher } from './tokens/password-hasher.js';
import { RefreshTokenService } from './tokens/refresh-token.service.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const INVALID_LOGIN = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly sequelize: Sequelize,
    private readonly events: DomainEvents,
  ) {}

  /** Creates a company and its first ADMIN, and signs them in. */
  async signUp(meta: RequestMeta, input: SignUpInput): Promise<Session> {
    const passwordHash = await this.passwords.hash(input.password);
    return this.sequelize.transaction(async (transaction) => {
      const company = await this.users.createCompany(input.companyName, transaction);
      const user = await this.users.create(
        {
          companyId: company.id,
          email: input.email,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          role: Role.ADMIN,
        },
        transaction,
      );
      const actor = { companyId: company.id, userId: user.id, ...meta };
      await this.events.publish(
        new DomainEvent(
          UserEvents.CompanySignedUp,
          actor,
          { type: 'Company', id: company.id },
          { name: company.name },
          transaction,
        ),
      );
      await this.events.publish(
        new DomainEvent(
          UserEvents.Created,
          actor,
          { type: 'User', id: user.id },
          { email: user.email, role: user.role },
          transaction,
        ),
      );
      const refresh = await this.refreshTokens.issue(user.id, transaction);
      return { user, refreshToken: refresh.token, accessToken: await this.accessTokenFor(user) };
    });
  }

  async login(meta: RequestMeta, input: LoginInput): Promise<Session> {
    const user = await this.users.findByEmail(input.email);
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !passwordOk || !user.isActive) {
      const reason = !user ? 'unknown email' : !passwordOk ? 'wrong password' : 'user deactivated';
      await this.events.publish(
        new DomainEvent(
          AuthEvents.LoginFailed,
          { companyId: user?.companyId ?? null, userId: user?.id ?? null, ...meta },
          { type: 'User', id: user?.id ?? null },
          { email: input.email, reason },
        ),
      );
      throw new UnauthenticatedException(INVALID_LOGIN);
    }
    const refresh = await this.refreshTokens.issue(user.id);
    await this.events.publish(
      new DomainEvent(
        AuthEvents.LoginSucceeded,
        { companyId: user.companyId, userId: user.id, ...meta },
        { type: 'User', id: user.id },
        { email: input.email },
      ),
    );
    return { user, refreshToken: refresh.token, accessToken: await this.accessTokenFor(user) };
  }

  async refresh(meta: RequestMeta, token: string): Promise<Session> {
    const result = await this.refreshTokens.rotate(token, async (userId, transaction) =>
      Boolean((await this.users.findById(userId, transaction))?.isActive),
    );
    if (result.outcome === 'reused') {
      const user = await this.users.findById(result.userId);
      await this.events.publish(
        new DomainEvent(
          AuthEvents.RefreshTokenReused,
          { companyId: user?.companyId ?? null, userId: result.userId, ...meta },
          { type: 'User', id: result.userId },
        ),
      );
    }
    if (result.outcome !== 'rotated') throw new UnauthenticatedException('Invalid refresh token');
    const user = await this.users.findById(result.userId);
    if (!user) throw new UnauthenticatedException('Invalid refresh token');
    return { user, refreshToken: result.token, accessToken: await this.accessTokenFor(user) };
  }

  /** Ends the session of `refreshToken`, or every session of the caller when none is given. */
  async logout(auth: AuthContext, refreshToken?: string | null): Promise<boolean> {
    if (refreshToken) await this.refreshTokens.revokeSession(auth.userId, refreshToken);
    else await this.refreshTokens.revokeAll(auth.userId);
    await this.events.publish(
      new DomainEvent(
        AuthEvents.LoggedOut,
        actorOf(auth),
        { type: 'User', id: auth.userId },
        { allSessions: !refreshToken },
      ),
    );
    return true;
  }

  private accessTokenFor(user: User): Promise<string> {
    return this.accessTokens.sign({ sub: user.id, cid: user.companyId, role: user.role });
  }
}

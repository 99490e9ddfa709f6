import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { UserType } from '../users/user.type.js';
import type { AuthContext, RequestMeta } from './auth-context.js';
import { AuthService, type Session } from './auth.service.js';
import { CurrentAuth, CurrentRequest } from './decorators/current-auth.decorator.js';
import { Public } from './decorators/public.decorator.js';
import { AuthPayload } from './dto/auth-payload.type.js';
import { LoginInput } from './dto/login.input.js';
import { SignUpInput } from './dto/sign-up.input.js';
import { LoginRateLimited, SignUpRateLimited } from '../rate-limit/rate-limit.decorators.js';

function toPayload(session: Session): AuthPayload {
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    user: UserType.from(session.user),
  };
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @SignUpRateLimited()
  @Mutation(() => AuthPayload, { description: 'Create a company and its first ADMIN.' })
  async signUp(
    @CurrentRequest() meta: RequestMeta,
    @Args('input', { description: 'The company and its first user.' }) input: SignUpInput,
  ): Promise<AuthPayload> {
    return toPayload(await this.auth.signUp(meta, input));
  }

  @Public()
  @LoginRateLimited()
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with email and password; UNAUTHENTICATED (INVALID_CREDENTIALS) for a wrong pair or a deactivated user. Rate-limited.',
  })
  async login(
    @CurrentRequest() meta: RequestMeta,
    @Args('input', { description: 'Email and password.' }) input: LoginInput,
  ): Promise<AuthPayload> {
    return toPayload(await this.auth.login(meta, input));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Exchange a refresh token for a new pair; the old one stops working.',
  })
  async refreshToken(
    @CurrentRequest() meta: RequestMeta,
    @Args('refreshToken', { description: 'The refreshToken of the last pair.' })
    refreshToken: string,
  ): Promise<AuthPayload> {
    return toPayload(await this.auth.refresh(meta, refreshToken));
  }

  @Mutation(() => Boolean, {
    description: 'End the session of refreshToken, or all your sessions when omitted.',
  })
  logout(
    @CurrentAuth() auth: AuthContext,
    @Args('refreshToken', {
      type: () => String,
      nullable: true,
      description: 'The session to end; omit to end all of yours.',
    })
    refreshToken?: string | null,
  ): Promise<boolean> {
    return this.auth.logout(auth, refreshToken);
  }
}

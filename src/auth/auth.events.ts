/** Domain event names of authentication. */
export const AuthEvents = {
  LoginSucceeded: 'auth.login_succeeded',
  LoginFailed: 'auth.login_failed',
  RefreshTokenReused: 'auth.refresh_token_reused',
  LoggedOut: 'auth.logged_out',
} as const;

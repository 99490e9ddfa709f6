import type { EventPayload, RecordChange } from '../common/events/event-payload.js';

/** Domain event names of authentication. */
export const AuthEvents = {
  LoginSucceeded: 'auth.login_succeeded',
  LoginFailed: 'auth.login_failed',
  RefreshTokenReused: 'auth.refresh_token_reused',
  LoggedOut: 'auth.logged_out',
} as const;

export interface LoginRecord extends RecordChange {
  /** The e-mail as the client typed it: the per-account login budget is keyed by it. */
  readonly details: { readonly email: string; readonly reason?: string };
}

export type LoginEvent = EventPayload<LoginRecord> & { readonly entity: 'User' };
export type SessionEvent = EventPayload & { readonly entity: 'User' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'auth.login_succeeded': LoginEvent;
    'auth.login_failed': LoginEvent;
    'auth.refresh_token_reused': SessionEvent;
    'auth.logged_out': SessionEvent;
  }
}

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

export interface SessionRecord extends RecordChange {
  /** The user. */
  readonly id: string;
  /** The session (refresh-token family) that ended; null when all of the user's did. */
  readonly details: { readonly sessionId: string | null };
}

export type LoginEvent = EventPayload<LoginRecord> & { readonly entity: 'User' };
export type SessionEvent = EventPayload<SessionRecord> & { readonly entity: 'User' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'auth.login_succeeded': LoginEvent;
    'auth.login_failed': LoginEvent;
    'auth.refresh_token_reused': SessionEvent;
    'auth.logged_out': SessionEvent;
  }
}

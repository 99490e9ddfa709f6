import { randomUUID } from 'node:crypto';
import { ActorKind, type Actor } from '../common/events/actor.js';
import type { ApiKeyScope } from './api-key-scope.enum.js';
import { AuthException, AuthReason } from './auth.exception.js';
import type { Role } from './role.enum.js';

interface CallerBase {
  /** The tenant: every read and write of the caller is scoped to it. */
  readonly companyId: string;
  readonly requestId: string;
  readonly ip: string | null;
}

/** A person signed in with an access token. */
export interface UserCaller extends CallerBase {
  readonly kind: typeof ActorKind.USER;
  readonly userId: string;
  readonly role: Role;
}

/** An integration presenting an API key (lead ingestion). */
export interface ApiKeyCaller extends CallerBase {
  readonly kind: typeof ActorKind.API_KEY;
  readonly apiKeyId: string;
  readonly scopes: readonly ApiKeyScope[];
}

/** Scheduled and background work done for a company (score runs, reprocessing). */
export interface SystemCaller extends CallerBase {
  readonly kind: typeof ActorKind.SYSTEM;
  /** What the work is, e.g. `scores.recalculate`: audit rows name it. */
  readonly job: string;
}

/**
 * Whoever calls a service: its first argument, always. What each kind may do is in permissions.ts;
 * audit rows record the kind.
 */
export type AuthContext = UserCaller | ApiKeyCaller | SystemCaller;

/** Request facts for operations that run before anyone is authenticated (signUp, login, refresh). */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

export function systemCaller(companyId: string, job: string): SystemCaller {
  return { kind: ActorKind.SYSTEM, companyId, job, requestId: `${job}:${randomUUID()}`, ip: null };
}

/** The user behind the caller, or null for an API key or the system. */
export function userIdOf(auth: AuthContext): string | null {
  return auth.kind === ActorKind.USER ? auth.userId : null;
}

/** For operations only a person can do (their profile, their sessions). */
export function requireUser(auth: AuthContext): UserCaller {
  if (auth.kind !== ActorKind.USER)
    throw new AuthException(AuthReason.USER_REQUIRED, 'Only a signed-in user may do this');
  return auth;
}

export function actorOf(auth: AuthContext): Actor {
  return {
    kind: auth.kind,
    companyId: auth.companyId,
    userId: auth.kind === ActorKind.USER ? auth.userId : null,
    apiKeyId: auth.kind === ActorKind.API_KEY ? auth.apiKeyId : null,
    requestId: auth.requestId,
    ip: auth.ip,
  };
}

/** Someone not (yet) authenticated, acting on a company when it is known. */
export function anonymousActor(meta: RequestMeta, companyId: string | null = null): Actor {
  return {
    kind: ActorKind.ANONYMOUS,
    companyId,
    userId: null,
    apiKeyId: null,
    requestId: meta.requestId,
    ip: meta.ip,
  };
}

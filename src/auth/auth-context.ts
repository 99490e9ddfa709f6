import type { Actor } from '../common/events/domain-event.js';
import { Role } from './role.enum.js';

/** The authenticated caller, passed as the first argument to every service method. */
export interface AuthContext {
  userId: string;
  companyId: string;
  role: Role;
  requestId: string;
  ip: string;
}

/** Request facts for operations that run before anyone is authenticated (signUp, login, refresh). */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

export function actorOf(auth: AuthContext): Actor {
  return { companyId: auth.companyId, userId: auth.userId, requestId: auth.requestId, ip: auth.ip };
}

import type { AuthContext } from './auth-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by AuthGuard once the access token checks out. */
    auth?: AuthContext;
  }
}

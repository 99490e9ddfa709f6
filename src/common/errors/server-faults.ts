/**
 * Where a fault of the server (not of its client) surfaces, for whoever reports them: a request
 * answered INTERNAL_SERVER_ERROR, a periodic job's failed pass, after-commit work that failed.
 */
export type FaultSource = 'request' | 'job' | 'after-commit';

export interface ServerFault {
  readonly error: unknown;
  readonly source: FaultSource;
  /** What failed, outside a request: the job's label. */
  readonly task?: string;
}

type FaultListener = (fault: ServerFault) => void;

const listeners = new Set<FaultListener>();
/**
 * A request's fault can pass more than one exit (the GraphQL filter, then the answer's
 * formatting): the same error is told once.
 */
const told = new WeakSet<object>();

/**
 * Subscribes a reporter (error tracking, filled at boot by observability/, which common/ does not
 * know); the returned function unsubscribes it, at shutdown. Nothing listens unless one is set up.
 */
export function onServerFault(listener: FaultListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the reporters, if any; never throws, as it runs where an error is already handled. */
export function reportServerFault(fault: ServerFault): void {
  if (listeners.size === 0) return;
  const { error } = fault;
  if (typeof error === 'object' && error !== null) {
    if (told.has(error)) return;
    told.add(error);
  }
  for (const listener of listeners) {
    try {
      listener(fault);
    } catch {
      // A reporter's own failure must not replace the error being answered.
    }
  }
}

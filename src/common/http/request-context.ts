import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestTrace } from '../tracing/request-trace.js';

/**
 * What is known of the request the current code runs for, wherever it runs (a statement deep in a
 * repository, an error on its way out): set when the request arrives, completed as it is
 * understood. Logs, metrics, traces and error reports read it; nothing decides on it.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The GraphQL operation, once parsed: `createLead` and its type. */
  operation?: { name: string; type: string };
  /** The caller's company, once authenticated. */
  companyId?: string;
  /** Its trace, when tracing is on and the request is sampled. */
  readonly trace?: RequestTrace;
  /** The signed-in user, once authenticated (an API key's request has none). */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs the rest of a request in its context. Called twice by the HTTP layer: when the request
 * arrives (onRequest), and again once its body is read (preHandler), as the body's stream events
 * do not carry the context over.
 */
export function runInRequestContext(context: RequestContext, rest: () => void): void {
  storage.run(context, rest);
}

/** The current request's context, or undefined outside one (jobs, boot). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Completes the current request's context with its authenticated caller; outside one, nothing. */
export function noteCaller(caller: { companyId: string; userId?: string }): void {
  const context = storage.getStore();
  if (!context) return;
  context.companyId = caller.companyId;
  context.userId = caller.userId;
}

import type { ErrorEvent } from '@sentry/node-core/light';
import type { ServerFault } from '../common/errors/server-faults.js';
import type { RequestContext } from '../common/http/request-context.js';

/**
 * What an error report says of where it happened: the request (its id, as in the logs and the
 * answer's X-Request-Id), the GraphQL operation, the caller's company and user, or the job.
 * Identifiers only: nothing the client sent.
 */
export function reportTags(
  fault: ServerFault,
  context: RequestContext | undefined,
): Record<string, string> {
  const tags: Record<string, string> = { source: fault.source };
  if (fault.task) tags.task = fault.task;
  if (!context) return tags;
  tags.requestId = context.requestId;
  if (context.operation) {
    tags.operation = context.operation.name;
    tags.operationType = context.operation.type;
  }
  if (context.companyId) tags.companyId = context.companyId;
  return tags;
}

/**
 * Credentials an error's message might quote: bearer headers, JWTs (access tokens), API keys
 * (`crm_…`) and other random secrets (refresh tokens: 43 base64url characters).
 */
const CREDENTIALS = [/Bearer\s+\S+/gi, /eyJ[\w-]*\.[\w-]*\.[\w-]*/g, /crm_[\w-]+/g, /[\w-]{40,}/g];

function redact(text: string | undefined): string | undefined {
  return text === undefined
    ? undefined
    : CREDENTIALS.reduce((scrubbed, pattern) => scrubbed.replace(pattern, '[redacted]'), text);
}

/**
 * The last look at a report before it leaves (`beforeSend`): whatever an integration or a future
 * change might add, no request (URL, headers with their Authorization, cookies, body, GraphQL
 * variables), no breadcrumbs or extra data, no user but its id, no local variables, and no
 * credential quoted in a message.
 */
export function scrubReport(event: ErrorEvent): ErrorEvent {
  delete event.request;
  delete event.breadcrumbs;
  delete event.extra;
  event.user = event.user?.id === undefined ? undefined : { id: event.user.id };
  event.message = redact(event.message);
  for (const exception of event.exception?.values ?? []) {
    exception.value = redact(exception.value);
    for (const frame of exception.stacktrace?.frames ?? []) delete frame.vars;
  }
  return event;
}

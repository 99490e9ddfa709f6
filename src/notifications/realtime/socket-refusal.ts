import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { mapError } from '../../common/errors/error-mapper.js';

/** What a client is told of a refused socket: code and reason, never an internal message. */
export interface SocketRefusal {
  status: number;
  code: string;
  reason: string;
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * A thrown value as a socket client may see it, through the one error mapper. Anyone can open a
 * socket, so a failure that is not one of ours (a driver's message naming a table, say) is shown
 * as INTERNAL_SERVER_ERROR with a generic message, as the REST filter does; the mapper logs it.
 */
export function socketRefusal(error: unknown): SocketRefusal {
  const mapped = mapError(error);
  if (mapped.exception) return mapped;
  return { ...mapped, message: 'Internal server error', extensions: {} };
}

/** A refusal as the client's connect_error shows it: message, and the code and reason in data. */
export function connectError(error: unknown): Error & { data: { code: string; reason: string } } {
  const refusal = socketRefusal(error);
  return Object.assign(new Error(refusal.message), {
    data: { code: refusal.code, reason: refusal.reason },
  });
}

/** A refusal as an HTTP answer (429 and Retry-After, as REST does): status, headers, JSON body. */
function httpAnswer(error: unknown): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const refusal = socketRefusal(error);
  const body = JSON.stringify({
    ...refusal.extensions,
    ok: false,
    error: refusal.code,
    reason: refusal.reason,
    message: refusal.message,
  });
  const { retryAfter } = refusal.extensions;
  return {
    status: refusal.status,
    headers: {
      Connection: 'close',
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': String(Buffer.byteLength(body)),
      ...(typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {}),
    },
    body,
  };
}

/**
 * Answers a websocket upgrade request with a plain HTTP error on its raw connection, which Node
 * hands over untouched for upgrades; `done` once it is written.
 */
export function answerUpgrade(connection: Duplex, error: unknown, done: () => void): void {
  // Node's HTTP server no longer listens for errors on an upgraded connection: a reset would crash.
  connection.on('error', () => undefined);
  if (!connection.writable) return done();
  const { status, headers, body } = httpAnswer(error);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  connection.end(`${head.join('\r\n')}\r\n\r\n${body}`, done);
}

/** Answers a plain HTTP request (not an upgrade) the same way, through Node's response. */
export function answerRequest(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.end();
  const { status, headers, body } = httpAnswer(error);
  res.writeHead(status, headers).end(body);
}

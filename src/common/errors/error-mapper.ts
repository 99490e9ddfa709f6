import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import {
  AppException,
  BadUserInputException,
  ForbiddenException,
  NotFoundException,
  RateLimitedException,
  UnauthenticatedException,
  UnavailableException,
} from './app.exception.js';
import { sqlState } from './database-errors.js';
import { ErrorCode, HTTP_STATUS } from './error-code.js';
import { CommonReason } from './error-reasons.js';
import { reportServerFault } from './server-faults.js';

const logger = new Logger('Errors');

export interface MappedError {
  code: ErrorCode;
  reason: string;
  status: number;
  message: string;
  extensions: Record<string, unknown>;
  /** The domain error it was, when it was one (or was made one, as a busy database is). */
  exception?: AppException;
}

function fromHttpException(error: HttpException): AppException | null {
  const status = error.getStatus();
  if (status === 429) return new RateLimitedException();
  if (status === 413)
    return new BadUserInputException(error.message, {}, CommonReason.PAYLOAD_TOO_LARGE);
  if (status === 400 || status === 415) return new BadUserInputException(error.message);
  if (status === 401) return new UnauthenticatedException(error.message);
  if (status === 403) return new ForbiddenException(error.message);
  if (status === 404) return new NotFoundException('Resource');
  return null;
}

/** SQLSTATEs PostgreSQL raises for text it cannot store, such as a NUL character (\u0000). */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/**
 * SQLSTATEs of a value PostgreSQL cannot take: a date outside its range (year 4713 BC to
 * 294276), a number too large for its column, text that does not parse as its type. Only a
 * client's value gets that far unvalidated, so they are the client's error, not the server's.
 */
const OUT_OF_RANGE = new Set(['22003', '22007', '22008', '22P02']);

/** SQLSTATE of a statement stopped by statement_timeout (or a cancel). */
const QUERY_CANCELED = '57014';

/**
 * SQLSTATEs of a server that ended the session or is not accepting any (admin_shutdown,
 * crash_shutdown, cannot_connect_now: a restart), and the class of connection exceptions.
 */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/**
 * What the driver throws, without a SQLSTATE, for a connection that failed or broke under a
 * statement: the socket's own error, or pg's words for a client whose connection is gone.
 */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error and is not queryable)/;

/** Whether PostgreSQL could not be reached, or went away under the statement (a restart). */
function isDatabaseUnreachable(error: unknown, state: string | undefined): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name.startsWith('SequelizeConnection')) return true;
  if (state && (SERVER_GONE.has(state) || CONNECTION_EXCEPTION.test(state))) return true;
  if (state && SOCKET_ERRORS.has(state)) return true;
  return error instanceof Error && CONNECTION_LOST.test(error.message);
}

function fromDatabaseError(error: unknown): AppException | null {
  if ((error as { name?: unknown } | null)?.name === 'SequelizeConnectionAcquireTimeoutError')
    return new UnavailableException(CommonReason.DATABASE_BUSY);
  const state = sqlState(error);
  if (isDatabaseUnreachable(error, state))
    return new UnavailableException(CommonReason.DATABASE_UNAVAILABLE);
  if (state === QUERY_CANCELED) return new UnavailableException(CommonReason.QUERY_TIMEOUT);
  if (state && UNSTORABLE_TEXT.has(state))
    return new BadUserInputException(
      'Text must not contain NUL (\\u0000) characters',
      {},
      CommonReason.UNSTORABLE_TEXT,
    );
  if (state && OUT_OF_RANGE.has(state)) {
    // A fallback: inputs are validated at the edge. One that got here names an edge to tighten.
    logger.warn(`input refused by PostgreSQL (${state}): ${(error as Error).message}`);
    return new BadUserInputException('A value is outside what can be stored', {});
  }
  return null;
}

/** The single place where any thrown value becomes a client-facing error. */
export function mapError(error: unknown): MappedError {
  const known =
    error instanceof AppException
      ? error
      : error instanceof HttpException
        ? fromHttpException(error)
        : fromDatabaseError(error);
  if (known) {
    // Keep the framework's precise status (413, 415, …) while the code stays one of ours.
    const status =
      error instanceof HttpException
        ? error.getStatus()
        : (known.httpStatus ?? HTTP_STATUS[known.code]);
    if (known instanceof UnavailableException && known !== error)
      logger.warn(`${known.reason}: ${error instanceof Error ? error.message : String(error)}`);
    return {
      exception: known,
      code: known.code,
      reason: known.reason,
      status,
      message: known.message,
      extensions: known.extensions,
    };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  reportServerFault({ error, source: 'request' });
  const message = error instanceof Error ? error.message : 'Internal server error';
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    reason: CommonReason.INTERNAL,
    status: 500,
    message,
    extensions: {},
  };
}

export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const mapped = mapError(error);
  return new GraphQLError(mapped.message, {
    // The domain error, so that formatGraphQLError knows the message is ours to show.
    originalError: mapped.exception ?? (error instanceof Error ? error : undefined),
    extensions: { ...mapped.extensions, code: mapped.code, reason: mapped.reason },
  });
}

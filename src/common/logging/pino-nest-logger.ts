import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { requestContext } from '../http/request-context.js';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Sends Nest's own log lines through Fastify's pino logger, so every line is structured JSON, and
 * a line written while a request is served carries its requestId, as the request's own line does.
 * A message may be an object `{ msg, ...fields }`: its fields become the line's.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, { context });
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, { context, trace });
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, { context });
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, { context });
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, { context });
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, { context });
  }

  private write(level: Level, message: unknown, fields: Record<string, unknown>): void {
    const requestId = requestContext()?.requestId;
    const line = requestId ? { ...fields, requestId } : fields;
    if (isFields(message)) {
      const { msg, ...rest } = message;
      this.pino[level]({ ...line, ...rest }, typeof msg === 'string' ? msg : '');
    } else this.pino[level](line, typeof message === 'string' ? message : JSON.stringify(message));
  }
}

function isFields(message: unknown): message is { msg?: unknown } & Record<string, unknown> {
  return typeof message === 'object' && message !== null && !(message instanceof Error);
}

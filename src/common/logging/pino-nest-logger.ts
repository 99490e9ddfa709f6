import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

/** Sends Nest's own log lines through Fastify's pino logger, so every line is structured JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, stringify(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, trace }, stringify(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, stringify(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, stringify(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, stringify(message));
  }

  fatal(message: unknown, context?: string): void {
    this.pino.fatal({ context }, stringify(message));
  }
}

function stringify(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

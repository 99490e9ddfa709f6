import type { FastifyBaseLogger } from 'fastify';
import { runInRequestContext } from '../http/request-context.js';
import { PinoNestLogger } from './pino-nest-logger.js';

describe('PinoNestLogger', () => {
  const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  const pino = Object.fromEntries(
    ['info', 'warn', 'error', 'debug', 'trace', 'fatal'].map((level) => [
      level,
      (fields: Record<string, unknown>, msg: string) => lines.push({ level, fields, msg }),
    ]),
  ) as unknown as FastifyBaseLogger;
  const sut = new PinoNestLogger(pino);
  beforeEach(() => (lines.length = 0));

  it('carries the request id of the request it is written in, and none outside one', () => {
    runInRequestContext({ requestId: 'req-1' }, () => sut.warn('inside', 'Ctx'));
    sut.log('outside', 'Ctx');
    expect(lines).toEqual([
      { level: 'warn', fields: { context: 'Ctx', requestId: 'req-1' }, msg: 'inside' },
      { level: 'info', fields: { context: 'Ctx' }, msg: 'outside' },
    ]);
  });

  it('makes an object message’s fields the line’s, its msg the message', () => {
    sut.warn(
      { msg: 'slow statement', statement: 'INSERT leads', durationMs: 120 },
      'SlowStatement',
    );
    expect(lines[0]).toEqual({
      level: 'warn',
      fields: { context: 'SlowStatement', statement: 'INSERT leads', durationMs: 120 },
      msg: 'slow statement',
    });
  });
});

import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { metricsRegistry } from '../common/metrics/metrics.js';
import { StatementTimer } from './statement-timer.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seriesValue(name: string, statement: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => v.labels.statement === statement)?.value ?? 0;
}

describe('StatementTimer', () => {
  let warned: unknown[];
  beforeEach(() => {
    warned = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warned.push(message);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs a statement slower than the threshold with its label and duration', async () => {
    const sut = new StatementTimer(5);
    await sut.time('SELECT id FROM leads WHERE id = $1', () => pause(10));
    await sut.time('UPDATE deals SET stage = $1', () => Promise.resolve());
    expect(warned).toEqual([
      { msg: 'slow statement', statement: 'SELECT leads', durationMs: expect.any(Number) },
    ]);
    expect((warned[0] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(5);
  });

  it('logs nothing when the threshold is 0, and counts what failed by label', async () => {
    const sut = new StatementTimer(0);
    const before = await seriesValue('crm_db_statement_errors_total', 'DELETE tasks');
    await expect(
      sut.time('DELETE FROM tasks WHERE id = $1', () => Promise.reject(new Error('gone'))),
    ).rejects.toThrow('gone');
    await sut.time('SELECT pg_sleep(0) FROM leads', () => pause(5));
    expect(warned).toEqual([]);
    expect(await seriesValue('crm_db_statement_errors_total', 'DELETE tasks')).toBe(before + 1);
  });
});

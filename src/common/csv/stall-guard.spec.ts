import { jest } from '@jest/globals';
import { StallGuard } from './stall-guard.js';

/** Streams need their ticks; only the clock and the guard's interval are faked. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StallGuard', () => {
  beforeEach(() =>
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] }),
  );
  afterEach(() => jest.useRealTimers());

  /**
   * Runs `steps` of 100 ms: the source writes (`fill`: until the guard refuses more, as a fast
   * COPY does; else one 1 KB chunk), then the reader takes `take` bytes (all: null).
   */
  async function run(guard: StallGuard, steps: number, fill: boolean, take: number | null) {
    const errors: Error[] = [];
    guard.on('error', (error) => errors.push(error));
    let taken = 0;
    for (let step = 0; step < steps && !guard.destroyed; step++) {
      if (fill) while (guard.write(Buffer.alloc(1024))) await settle();
      else guard.write(Buffer.alloc(1024));
      await settle();
      const chunk = (take === null ? guard.read() : guard.read(take)) as Buffer | null;
      taken += chunk?.length ?? 0;
      jest.advanceTimersByTime(100);
      await settle();
    }
    return { errors, taken };
  }

  it('ends a reader that takes less than the minimum rate while output waits for it', async () => {
    const guard = new StallGuard(600_000, { bytesPerSecond: 100_000, windowMs: 1000 });
    const { errors, taken } = await run(guard, 50, true, 1000); // 10 KB/s
    expect(guard.destroyed).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^the client read \d+ bytes in \d+ ms, slower than 100000 bytes\/s$/),
    ]);
    expect(taken).toBeLessThan(50 * 1000);
  });

  it('keeps a reader at the minimum rate', async () => {
    const guard = new StallGuard(600_000, { bytesPerSecond: 100_000, windowMs: 1000 });
    const { errors } = await run(guard, 50, true, 16_384); // 160 KB/s
    expect(errors).toEqual([]);
    expect(guard.destroyed).toBe(false);
  });

  it('does not blame the reader for a slow source', async () => {
    const guard = new StallGuard(600_000, { bytesPerSecond: 100_000, windowMs: 1000 });
    const { errors, taken } = await run(guard, 50, false, null); // the source: 10 KB/s
    expect(errors).toEqual([]);
    expect(guard.destroyed).toBe(false);
    expect(taken).toBe(50 * 1024);
  });

  it('still ends a reader that reads nothing, without a minimum rate', async () => {
    const guard = new StallGuard(1000);
    const { errors } = await run(guard, 50, true, 0);
    expect(errors.map((e) => e.message)).toEqual(['the client read nothing for 1000 ms']);
  });
});

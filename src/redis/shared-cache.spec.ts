import { jest } from '@jest/globals';
import { SharedCache } from './shared-cache.js';

describe('SharedCache in-process (no REDIS_URL)', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('computes a key once until it expires, and each key apart', async () => {
    const sut = new SharedCache(null);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await sut.get('a', 10, load)).toEqual({ n: 1 });
    expect(await sut.get('a', 10, load)).toEqual({ n: 1 });
    expect(await sut.get('b', 10, load)).toEqual({ n: 2 });
    now += 10_001;
    expect(await sut.get('a', 10, load)).toEqual({ n: 3 });
  });

  it('lets concurrent misses of one key share one load, and caches no failure', async () => {
    const sut = new SharedCache(null);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      loads++;
      await gate;
      return loads;
    };
    const both = Promise.all([sut.get('k', 10, load), sut.get('k', 10, load)]);
    // Both have missed and the first load is under way before it may finish.
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toBe(1);
    release();
    expect(await both).toEqual([1, 1]);
    expect(loads).toBe(1);
    await expect(sut.get('bad', 10, () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await sut.get('bad', 10, async () => 'up')).toBe('up');
  });
});

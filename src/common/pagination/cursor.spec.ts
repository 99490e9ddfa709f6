import { BadUserInputException } from '../errors/app.exception.js';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const key = ['2026-01-02T03:04:05.678Z', 12.5, null, 'c8f1'] as const;
    expect(decodeCursor(encodeCursor(key), 4)).toEqual(key);
  });

  it.each([
    '',
    'not-base64!!',
    encodeCursor(['a']),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[{}]').toString('base64url'),
  ])('rejects a malformed cursor %p as BAD_USER_INPUT on `after`', (cursor) => {
    try {
      decodeCursor(cursor, 2);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputException);
      expect((error as BadUserInputException).fields).toHaveProperty('after');
    }
  });

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(0)).toThrow(BadUserInputException);
    expect(() => pageSize(501)).toThrow(BadUserInputException);
  });
});

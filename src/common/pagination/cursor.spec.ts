import { BadUserInputException } from '../errors/app.exception.js';
import { decodeCursor, encodeCursor, pageSize, type CursorValueType } from './cursor.js';

const TYPES: CursorValueType[] = ['timestamptz', 'numeric', 'text', 'uuid'];
const KEY = ['2026-01-02T03:04:05.678Z', '12.50', 'Smith', 'c8f1e2a4-5b6c-4d7e-8f90-a1b2c3d4e5f6'];

function refusal(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputException);
    return (error as BadUserInputException).fields.after;
  }
  throw new Error('expected a refusal');
}

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor('s', KEY), 's', TYPES)).toEqual(KEY);
    expect(
      decodeCursor(encodeCursor('s', [...KEY.slice(0, 1), -1, ...KEY.slice(2)]), 's', TYPES),
    ).toEqual([KEY[0], -1, KEY[2], KEY[3]]);
  });

  it('takes a whole number for an int key, and refuses any other', () => {
    expect(decodeCursor(encodeCursor('s', [-1, KEY[3]]), 's', ['int', 'uuid'])).toEqual([
      -1,
      KEY[3],
    ]);
    for (const bad of [1.5, '5', 2 ** 40])
      expect(
        refusal(() => decodeCursor(encodeCursor('s', [bad, KEY[3]]), 's', ['int', 'uuid'])),
      ).toHaveLength(1);
  });

  it('refuses a cursor made in another order', () => {
    expect(refusal(() => decodeCursor(encodeCursor('other', KEY), 's', TYPES))).toEqual([
      'after is a cursor of another order',
    ]);
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'not-base64!!'],
    ['too short', encodeCursor('s', KEY.slice(1))],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a null key', Buffer.from(JSON.stringify(['s', null, ...KEY.slice(1)])).toString('base64url')],
    ['a bad instant', encodeCursor('s', ['2026-13-45T99:00:00Z', ...KEY.slice(1)])],
    ['a date without time', encodeCursor('s', ['2026-01-02', ...KEY.slice(1)])],
    ['a bad number', encodeCursor('s', [KEY[0], '1e9999', ...KEY.slice(2)])],
    ['a NUL in text', encodeCursor('s', [KEY[0], KEY[1], 'a\u0000b', KEY[3]])],
    ['a bad uuid', encodeCursor('s', [...KEY.slice(0, 3), 'c8f1'])],
    ['a number for text', encodeCursor('s', [KEY[0], KEY[1], 7, KEY[3]])],
  ])('refuses %s as BAD_USER_INPUT on `after`', (_, cursor) => {
    expect(refusal(() => decodeCursor(cursor, 's', TYPES))).toEqual([
      'after is not a valid cursor',
    ]);
  });

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(0)).toThrow(BadUserInputException);
    expect(() => pageSize(501)).toThrow(BadUserInputException);
  });
});

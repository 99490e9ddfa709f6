import { groupBy } from './group-by.js';

describe('groupBy', () => {
  it('groups by key, keys and items in first-seen order', () => {
    const sut = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...sut]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });
});

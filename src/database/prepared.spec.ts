import { StatementNames } from './prepared.js';

describe('StatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const sut = new StatementNames();
    const a = sut.of('SELECT 1');
    expect(a).toEqual(expect.any(String));
    expect(sut.of('SELECT 1')).toBe(a);
    expect(sut.of('SELECT 2')).not.toBe(a);
  });

  it('names no new text past its limit, and keeps the names it gave', () => {
    const sut = new StatementNames();
    const first = sut.of('SELECT 0');
    for (let i = 1; i < 1000; i++) sut.of(`SELECT ${i}`);
    expect(sut.of('SELECT 0')).toBe(first);
    expect(sut.of('SELECT 5000')).toBeUndefined();
  });
});

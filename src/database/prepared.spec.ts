import { prepared, preparedBuilt, StatementNames } from './prepared.js';

describe('StatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const sut = new StatementNames();
    const a = sut.of(prepared('SELECT 1'));
    expect(a).toEqual(expect.any(String));
    expect(sut.of(prepared('SELECT 1'))).toBe(a);
    expect(sut.of(prepared('SELECT 2'))).not.toBe(a);
  });

  it('names no new built text past its limit, and keeps the names it gave', () => {
    const sut = new StatementNames();
    const first = sut.of(preparedBuilt('UPDATE t SET a0 = $1'));
    for (let i = 1; i < 1000; i++) sut.of(preparedBuilt(`UPDATE t SET a${i} = $1`));
    expect(sut.of(preparedBuilt('UPDATE t SET a0 = $1'))).toBe(first);
    expect(sut.of(preparedBuilt('UPDATE t SET b = $1'))).toBeUndefined();
  });

  it('still names a statement written in the code once the built ones are at their limit', () => {
    const sut = new StatementNames();
    for (let i = 0; i < 1000; i++) sut.of(preparedBuilt(`UPDATE t SET a${i} = $1`));
    expect(sut.of(prepared('SELECT id FROM t WHERE id = $1'))).toEqual(expect.any(String));
  });
});

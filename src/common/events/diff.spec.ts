import { created, diff } from './diff.js';

describe('diff', () => {
  it('lists only changed fields, comparing dates by instant and ignoring absent ones', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      diff<Record<string, unknown>>(
        { a: 1, b: 'x', c: at, d: null },
        { a: 1, b: 'y', c: new Date(at), d: undefined, e: null },
      ),
    ).toEqual({
      b: { from: 'x', to: 'y' },
    });
  });

  it('records clearing a value as a change to null', () => {
    expect(diff<{ phone: string | null }>({ phone: '+1 555 0100' }, { phone: null })).toEqual({
      phone: { from: '+1 555 0100', to: null },
    });
  });

  it('describes a created record without its empty fields', () => {
    expect(
      created<{ email: string; phone: string | null }>({ email: 'a@b.c', phone: null }),
    ).toEqual({
      email: { from: null, to: 'a@b.c' },
    });
  });
});

import { LabelCap } from './label-cap.js';

describe('LabelCap', () => {
  it('keeps the first values that look like names, then reads every new one as other', () => {
    const sut = new LabelCap(2);
    expect(sut.of('leads')).toBe('leads');
    expect(sut.of('bad name!')).toBe('other');
    expect(sut.of('deals')).toBe('deals');
    expect(sut.of('tasks')).toBe('other');
    expect(sut.of('leads')).toBe('leads');
    expect(sut.of('x'.repeat(65))).toBe('other');
  });
});

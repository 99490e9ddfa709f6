import { graphqlEnum, type EnumValue } from './graphql-enum.js';

describe('graphqlEnum', () => {
  it('maps each name to itself, in the order given, frozen', () => {
    const Color = graphqlEnum('SpecColor', 'A colour.', { RED: 'Red.', GREEN: 'Green.' });
    expect(Object.entries(Color)).toEqual([
      ['RED', 'RED'],
      ['GREEN', 'GREEN'],
    ]);
    expect(Object.isFrozen(Color)).toBe(true);
  });

  it('maps a name to its own value where one is given', () => {
    const Scope = graphqlEnum('SpecScope', 'A scope.', {
      READ: { value: 'read', description: 'Reads.' },
      WRITE: 'Writes.',
    });
    const stored: EnumValue<typeof Scope>[] = ['read', 'WRITE'];
    expect(Object.values(Scope)).toEqual(stored);
  });

  it('takes bare names where the values need no description', () => {
    expect(graphqlEnum('SpecSide', 'A side.', ['LEFT', 'RIGHT'])).toEqual({
      LEFT: 'LEFT',
      RIGHT: 'RIGHT',
    });
  });
});

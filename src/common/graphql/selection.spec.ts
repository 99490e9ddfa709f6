import { Kind, parse, type FragmentDefinitionNode, type GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from './selection.js';

/** The info graphql passes the resolver of the document's first root field. */
function infoOf(source: string): GraphQLResolveInfo {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const root = operation.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD) throw new Error('a field first');
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectedFieldNames', () => {
  it('names the fields under the field, through fragments and inline fragments', () => {
    const sut = selectedFieldNames(
      infoOf(`{ interactions { id notes: type ...F ... on Interaction { date @skip(if: true) } }
        } fragment F on Interaction { lead { id } ... G } fragment G on Interaction { createdAt }`),
    );
    // An alias is the field's name that counts; fields below `lead` are not the list's.
    expect([...sut].sort()).toEqual(['createdAt', 'date', 'id', 'lead', 'type']);
  });

  it('works a field node out once', () => {
    const info = infoOf('{ interactions { id } }');
    expect(selectedFieldNames(info)).toBe(selectedFieldNames(info));
  });

  it('merges the field nodes of one field selected twice', () => {
    const a = infoOf('{ interactions { id } }');
    const b = infoOf('{ interactions { notes } }');
    const both = { ...a, fieldNodes: [...a.fieldNodes, ...b.fieldNodes] };
    expect([...selectedFieldNames(both)].sort()).toEqual(['id', 'notes']);
  });
});

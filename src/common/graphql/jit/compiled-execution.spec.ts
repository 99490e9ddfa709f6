import {
  buildSchema,
  GraphQLObjectType,
  parse,
  GraphQLError,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from 'graphql';
import { CompiledExecution } from './compiled-execution.js';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    lead(id: ID!): Lead
    leads(first: Int!): [Lead!]!
  }
  type Lead {
    id: ID!
    name: String!
    broken: String
    interactions: [Interaction!]!
  }
  type Interaction {
    id: ID!
    notes: String
  }
`);

// any: each resolver of this test schema declares its own parent and argument types.
type Resolver = GraphQLFieldResolver<any, unknown, any>;
const resolvers: Record<string, Record<string, Resolver>> = {
  Query: {
    lead: (_, { id }: { id: string }) => (id === 'missing' ? null : { id, name: `Lead ${id}` }),
    leads: (_, { first }: { first: number }) =>
      Array.from({ length: first }, (_, i) => ({ id: String(i), name: `Lead ${i}` })),
  },
  Lead: {
    broken: () => {
      throw new Error('field failed');
    },
    interactions: (lead: { id: string }) => Promise.resolve([{ id: `${lead.id}-1`, notes: null }]),
  },
};
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName) as GraphQLObjectType;
  for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve;
}

/** The answer as a client reads it: errors as JSON. */
const asSent = (result: ExecutionResult): unknown => JSON.parse(JSON.stringify(result));

describe('CompiledExecution', () => {
  const QUERY =
    parse(`query Page($n: Int!) { leads(first: $n) { id name interactions { id notes } } }
    query One($id: ID!) { lead(id: $id) { id name broken } }`);

  it('compiles a document the n-th time it runs, per operation', async () => {
    const sut = new CompiledExecution(schema, 2);
    const run = (operationName: string, variables: object) =>
      sut.execute({
        document: QUERY,
        operationName,
        variables: { ...variables },
        contextValue: {},
      });
    await run('Page', { n: 1 });
    expect(sut.isCompiled(QUERY, 'Page')).toBe(false);
    await run('Page', { n: 1 });
    expect(sut.isCompiled(QUERY, 'Page')).toBe(true);
    await run('One', { id: '1' });
    expect(sut.isCompiled(QUERY, 'One')).toBe(true); // the document's second run
  });

  it('keeps the plans of the documents used last, and no more', async () => {
    const sut = new CompiledExecution(schema, 1, 2);
    const documents = [
      '{ a: leads(first: 1) { id } }',
      '{ b: leads(first: 1) { id } }',
      '{ c: leads(first: 1) { id } }',
    ].map((q) => parse(q));
    const run = (document: (typeof documents)[number]) =>
      sut.execute({ document, variables: {}, contextValue: {} });
    await run(documents[0]);
    await run(documents[1]);
    await run(documents[0]); // used again: the second is now the oldest
    await run(documents[2]);
    expect(documents.map((d) => sut.isCompiled(d))).toEqual([true, false, true]);
    // A dropped document runs again (compiled anew), as graphql-js would answer it.
    expect((await run(documents[1])).data).toEqual({ b: [{ id: '0' }] });
  });

  it('answers as graphql-js does: data, field errors with their path, nulls', async () => {
    const compiled = new CompiledExecution(schema, 1);
    const interpreted = new CompiledExecution(schema, Number.MAX_SAFE_INTEGER);
    for (const [operationName, variables] of [
      ['Page', { n: 3 }],
      ['One', { id: '7' }],
      ['One', { id: 'missing' }],
    ] as const) {
      const request = { document: QUERY, operationName, variables, contextValue: {} };
      const expected = asSent(await interpreted.execute(request));
      expect(asSent(await compiled.execute(request))).toEqual(expected);
    }
    expect(compiled.isCompiled(QUERY, 'One')).toBe(true);
    expect(interpreted.isCompiled(QUERY, 'One')).toBe(false);
  });

  it('keeps the original error of a failing field, for the error mapper', async () => {
    const sut = new CompiledExecution(schema, 1);
    const result = await sut.execute({
      document: QUERY,
      operationName: 'One',
      variables: { id: '1' },
      contextValue: {},
    });
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors as GraphQLError[];
    expect(error.path).toEqual(['lead', 'broken']);
    expect(error.originalError?.message).toBe('field failed');
    // graphql-js's own error, as Apollo expects: extensions always set, message writable.
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.locations).toEqual([{ line: 2, column: 51 }]); // `broken` in the second line
  });

  it('answers variables that do not coerce with graphql-js’s own error', async () => {
    const sut = new CompiledExecution(schema, 1);
    const request = {
      document: QUERY,
      operationName: 'Page',
      variables: { n: 'many' },
      contextValue: {},
    };
    const result = await sut.execute(request);
    expect(result).not.toHaveProperty('data');
    expect(result.errors?.[0].message).toBe(
      'Variable "$n" got invalid value "many"; Int cannot represent non-integer value: "many"',
    );
  });

  it('runs with graphql-js what graphql-jit cannot compile', async () => {
    const sut = new CompiledExecution(schema, 1);
    // An operation name the document does not hold: jit refuses it, graphql-js answers the error.
    const result = await sut.execute({
      document: QUERY,
      operationName: 'Nope',
      variables: {},
      contextValue: {},
    });
    expect(result.errors?.[0].message).toBe('Unknown operation named "Nope".');
    expect(sut.isCompiled(QUERY, 'Nope')).toBe(false);
  });
});

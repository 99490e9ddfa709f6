import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser } from '../support/factories.js';
import { newDeal } from '../support/deal-factory.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A bounded, seeded fuzzer: every query and mutation, as every role, as another company's user
 * and as a stranger, with hostile argument values. `FUZZ_SEED` and `FUZZ_CASES` reproduce or
 * widen a run; a failure prints the case.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const CASES = Number(process.env.FUZZ_CASES ?? 1000);

/**
 * The one operation a case never sends: it ends the callers' own sessions, which the run needs.
 * (User ids in the value pool are spare users', never a caller's, so deactivateUser and
 * updateUserRole are fuzzed without ending the run's sessions.)
 */
const SPARED = new Set(['logout']);

/** mulberry32: small, seeded, reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '👩‍👩‍👧‍👦'.repeat(500),
  '\u202Eevil',
  'ǅ̶̡̛̥̬͔̪̣̠̮̜̦̎̊̋͊̐͐͋̾',
  "'; DROP TABLE leads; --",
  '%s%n%x',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '{"$where":"1"}',
  '   padded   ',
  'user@example.com',
];
const HOSTILE_NUMBERS = [
  0,
  -1,
  1,
  -2147483648,
  2147483647,
  2147483648,
  2 ** 53 + 2,
  1e308,
  -1e308,
  0.5,
  -0.0001,
];
const HOSTILE_DATES = [
  '',
  'not a date',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2020-02-30T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  new Date().toISOString(),
  -8.64e15,
  1e20,
];
const HOSTILE_DECIMALS = ['1e308', '-0', 'NaN', 'Infinity', '9'.repeat(1000), '0.0000001', 1.5];

interface Caller {
  name: string;
  token?: string;
}

describe(`fuzzer: ${CASES} seeded cases (seed ${SEED})`, () => {
  let sut: TestApp;
  let schema: GraphQLSchema;
  const callers: Caller[] = [];
  /** Ids of both companies' records, a stranger's to everyone of the other. */
  const ids: string[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    schema = sut.app.get(GraphQLSchemaHost).schema;
    for (const companyName of ['Fuzz A', 'Fuzz B']) {
      const admin = await newCompany(sut, { companyName });
      const rep = await newUser(sut, admin, Role.SALES_REP);
      const lead = await newLead(sut, admin, { assignedToId: rep.id });
      const interaction = await newInteraction(sut, admin, lead.id);
      const deal = await newDeal(sut, admin, { leadId: lead.id });
      const task = await newTask(sut, admin, { leadId: lead.id });
      const spare = await newUser(sut, admin, Role.SALES_REP);
      ids.push(lead.id, interaction.id, deal.id, task.id, spare.id);
      if (companyName === 'Fuzz A') {
        const manager = await newUser(sut, admin, Role.MANAGER);
        callers.push(
          { name: 'ADMIN', token: admin.token },
          { name: 'MANAGER', token: manager.token },
          { name: 'SALES_REP', token: rep.token },
        );
      } else {
        callers.push({ name: 'other company ADMIN', token: admin.token });
      }
    }
    callers.push({ name: 'stranger' }, { name: 'forged token', token: 'eyJhbGciOiJub25lIn0.e30.' });
  });

  afterAll(() => sut?.close());

  function valueOf(type: GraphQLInputType, pick: <T>(xs: readonly T[]) => T, depth = 0): unknown {
    if (!isNonNullType(type) && pick([false, false, false, true])) return null;
    const inner: GraphQLInputType = getNullableType(type);
    if (isListType(inner)) {
      const size = pick([0, 1, 2, 1001]);
      const item = valueOf(inner.ofType, pick, depth + 1);
      return Array.from({ length: size }, () => item);
    }
    if (isEnumType(inner)) return pick([...inner.getValues().map((v) => v.value), 'NOT_A_VALUE']);
    if (isInputObjectType(inner)) {
      if (depth > 3) return {};
      const object: Record<string, unknown> = {};
      for (const field of Object.values(inner.getFields()))
        if (isNonNullType(field.type) || pick([true, false]))
          object[field.name] = valueOf(field.type, pick, depth + 1);
      if (pick([false, false, false, true])) object.unexpected = 'field';
      return object;
    }
    switch (getNamedType(inner).name) {
      case 'ID':
        return pick([...ids, ...ids, '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '']);
      case 'Int':
      case 'Float':
        return pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return pick([true, false, 'true', 0]);
      case 'DateTime':
        return pick(HOSTILE_DATES);
      case 'Decimal':
        return pick(HOSTILE_DECIMALS);
      case 'JSON':
      case 'JSONObject': {
        let nested: unknown = { leaf: pick(HOSTILE_STRINGS) };
        for (let i = 0; i < pick([1, 10, 300]); i++) nested = { nested };
        return nested;
      }
      default:
        return pick(HOSTILE_STRINGS);
    }
  }

  /** The answer's scalars one level down, and `__typename` below that: enough to resolve it. */
  function selectionOf(type: GraphQLOutputType, depth = 0): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (!isObjectType(named) || depth > 1) return '{ __typename }';
    const fields = Object.values(named.getFields()).filter((f) =>
      f.args.every((a) => !isNonNullType(a.type)),
    );
    const parts = fields.map((f) =>
      isLeafType(getNamedType(f.type)) ? f.name : `${f.name} ${selectionOf(f.type, depth + 1)}`,
    );
    return `{ __typename ${parts.join(' ')} }`;
  }

  function documentOf(
    kind: 'query' | 'mutation',
    field: GraphQLField<unknown, unknown>,
    pick: <T>(xs: readonly T[]) => T,
  ): { query: string; variables: Record<string, unknown> } {
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const args: string[] = [];
    for (const arg of field.args) {
      if (!isNonNullType(arg.type) && pick([true, false])) continue;
      variables[arg.name] = valueOf(arg.type, pick);
      declarations.push(`$${arg.name}: ${String(arg.type)}`);
      args.push(`${arg.name}: $${arg.name}`);
    }
    const head = declarations.length ? `(${declarations.join(', ')})` : '';
    const call = args.length ? `(${args.join(', ')})` : '';
    return {
      query: `${kind} Fuzz${head} { ${field.name}${call} ${selectionOf(field.type)} }`,
      variables,
    };
  }

  it('answers every case with a coded client error or data: no internal error, no exit', async () => {
    const next = random(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const operations = [
      ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
      ...Object.values(schema.getMutationType()!.getFields())
        .filter((f) => !SPARED.has(f.name))
        .map((f) => ['mutation', f] as const),
    ];
    const failures: string[] = [];
    let reached = 0;
    const started = Date.now();
    for (let n = 0; n < CASES; n++) {
      const [kind, field] = operations[n % operations.length];
      const caller = pick(callers);
      const { query, variables } = documentOf(kind, field, pick);
      const res = await sut.gql(query, variables, caller.token);
      // Data, or an error located at a field: a resolver ran, not only the refusals up front.
      if (res.errors?.some((e) => e.path) || Object.values(res.data ?? {}).some((v) => v !== null))
        reached++;
      const bad = (res.errors ?? []).filter(
        (e) =>
          e.extensions?.code === undefined ||
          e.extensions.code === 'INTERNAL_SERVER_ERROR' ||
          e.extensions.reason === undefined,
      );
      if (res.status >= 500 || bad.length > 0)
        failures.push(
          `case ${n} (FUZZ_SEED=${SEED}) ${field.name} as ${caller.name}: ${res.status} ${JSON.stringify(bad).slice(0, 500)}\n  variables: ${JSON.stringify(variables).slice(0, 300)}`,
        );
    }
    console.log(
      `fuzzer: ${CASES} cases over ${operations.length} operations in ${Date.now() - started} ms (seed ${SEED}); ${reached} reached a resolver`,
    );
    expect(failures).toEqual([]);
    expect(reached).toBeGreaterThan(CASES / 5);
    expect((await fetch(`${sut.url}/health`)).status).toBe(200);
  }, 300_000);
});

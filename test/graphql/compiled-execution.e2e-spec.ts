import { randomUUID } from 'node:crypto';
import { newDeal } from '../support/deal-factory.js';
import { newTeam, type TestUser } from '../support/factories.js';
import { LEAD_FIELDS, newInteraction, newLead } from '../support/lead-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

/**
 * Compiled execution (GRAPHQL_JIT, graphql-jit) answers exactly as graphql-js does: two servers on
 * one database, one in each mode, asked the same questions by the same users. The rest of the
 * suite runs once in each mode in CI (GRAPHQL_JIT=false on the second run).
 */
describe('compiled GraphQL execution', () => {
  let compiled: TestApp;
  let interpreted: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let outsider: TestUser;
  let leadId: string;
  let dealId: string;

  beforeAll(async () => {
    compiled = await startTestApp({ GRAPHQL_JIT: 'true', GRAPHQL_JIT_AFTER: '1' });
    interpreted = await startTestApp({ GRAPHQL_JIT: 'false' }, compiled.db);
    ({ admin, rep, outsider } = await newTeam(compiled));
    leadId = (await newLead(compiled, admin, { assignedToId: rep.id })).id as string;
    await newInteraction(compiled, admin, leadId);
    await newInteraction(compiled, admin, leadId);
    dealId = (await newDeal(compiled, admin, { leadId })).id as string;
    await newTask(compiled, admin, { leadId, assignedToId: rep.id });
  });
  afterAll(async () => {
    await interpreted.close();
    await compiled.close();
  });

  /** The answer without what differs by nature between two servers: nothing, so far. */
  const answer = (res: GraphQLResponse): unknown => ({
    status: res.status,
    data: res.data,
    errors: res.errors,
  });

  /** A question: its name, who asks, the query, and its variables (made once the data exists). */
  const QUESTIONS: [string, () => TestUser, string, (() => Record<string, unknown>)?][] = [
    [
      'a nested page',
      () => admin,
      `{ leads(first: 10) { ${LEAD_FIELDS} interactions { id type date notes } activityScore scoreCalculatedAt tasks { id title } } }`,
    ],
    [
      'a connection with its cursor and counts',
      () => admin,
      '{ dealsConnection(first: 1) { totalCount edges { cursor node { id title lead { id } } } pageInfo { hasNextPage endCursor } } }',
    ],
    [
      'a record by id',
      () => admin,
      'query($id: ID!) { deal(id: $id) { id title value currency stage lead { id } } }',
      () => ({ id: dealId }),
    ],
    [
      'another company’s record (null)',
      () => outsider,
      'query($id: ID!) { lead(id: $id) { id } }',
      () => ({ id: leadId }),
    ],
    ['a record out of the caller’s reach', () => rep, '{ users { id } }'],
    [
      'fragments, aliases and directives',
      () => rep,
      `query($skip: Boolean!) {
        mine: tasks(first: 5) { ...T }
        me { id role email @skip(if: $skip) }
      }
      fragment T on Task { id title lead { id firstName } assignedTo { id } }`,
      () => ({ skip: true }),
    ],
    [
      'a variable of the wrong type',
      () => admin,
      'query($n: Int) { leads(first: $n) { id } }',
      () => ({ n: 'ten' }),
    ],
    ['an argument out of range', () => admin, '{ leads(first: 100000) { id } }'],
    [
      'a mutation’s domain error',
      () => admin,
      'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }',
      () => ({ i: { id: randomUUID(), location: 'Lisbon' } }),
    ],
    [
      'a mutation’s validation error',
      () => admin,
      'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }',
      () => ({ i: { firstName: '', lastName: 'X', email: 'not an e-mail' } }),
    ],
  ];

  it.each(QUESTIONS.map(([name]) => name))('answers %s as graphql-js does', async (name) => {
    const [, user, query, variablesOf] = QUESTIONS.find(([n]) => n === name)!;
    const variables = variablesOf?.();
    const [fromCompiled, fromInterpreted] = [
      await compiled.gql(query, variables, user().token),
      await interpreted.gql(query, variables, user().token),
    ];
    expect(answer(fromCompiled)).toEqual(answer(fromInterpreted));
    // Each question is about something: an answer, or an error with its code and reason.
    expect(fromCompiled.data ?? fromCompiled.errors?.[0].extensions.reason).toBeTruthy();
  });

  it('runs requests compiled once their document has been compiled', async () => {
    const executions = async (engine: string): Promise<number> => {
      const text = await (await fetch(`${compiled.url}/metrics`)).text();
      const line = new RegExp(`^crm_graphql_executions_total\\{engine="${engine}"\\} (\\d+)$`, 'm');
      return Number(line.exec(text)?.[1] ?? 0);
    };
    const before = await executions('compiled');
    for (let i = 0; i < 3; i++)
      expect((await compiled.gql('{ me { id } }', {}, rep.token)).data).toBeTruthy();
    expect((await executions('compiled')) - before).toBeGreaterThanOrEqual(3);
  });
});

import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { generateInteractions, generateLeads, type Query } from '../../devkit/generate.js';
import type { AuthContext } from '../../src/auth/auth-context.js';
import type { CreateLeadInput } from '../../src/leads/dto/create-lead.input.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { unique, viaApi, type FactoryTarget, type TestUser } from './factories.js';
import type { ServiceHarness } from './service-harness.js';
import type { TestApp } from './test-app.js';

export interface NewLead {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string | null;
  budget?: number | null;
  location?: string | null;
  status?: string;
  assignedToId?: string | null;
  source?: string | null;
}

export const LEAD_FIELDS =
  'id firstName lastName email phone budget location status source createdAt updatedAt assignedTo { id }';

type LeadRecord = Awaited<ReturnType<LeadsService['create']>>;

/** A valid createLead input; `overrides` change what a test is about. */
export function newLeadInput(overrides: Partial<CreateLeadInput> = {}): CreateLeadInput {
  return {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: `lead-${unique()}@example.com`,
    ...overrides,
  };
}

/**
 * A lead made by `user`: through the API (its GraphQL fields) or, in a service spec, through
 * LeadsService (its record; the harness must import LeadsModule).
 */
export async function newLead(
  app: TestApp,
  user: TestUser,
  overrides?: NewLead,
): Promise<Record<string, any>>;
export async function newLead(
  sut: ServiceHarness,
  caller: AuthContext,
  overrides?: Partial<CreateLeadInput>,
): Promise<LeadRecord>;
export async function newLead(
  target: FactoryTarget,
  user: TestUser | AuthContext,
  overrides: NewLead = {},
): Promise<Record<string, any> | LeadRecord> {
  if (!viaApi(target))
    return target
      .get(LeadsService)
      .create(user as AuthContext, newLeadInput(overrides as Partial<CreateLeadInput>));
  const input = {
    ...newLeadInput(),
    phone: '+1 555 010 2030',
    budget: 25000,
    location: 'Arlington, VA',
    ...overrides,
  };
  const res = await target.gql(
    `mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { ${LEAD_FIELDS} } }`,
    { i: input },
    (user as TestUser).token,
  );
  if (!res.data) throw new Error(`createLead failed: ${JSON.stringify(res.errors)}`);
  return res.data.createLead;
}

export async function newInteraction(
  app: TestApp,
  user: TestUser,
  leadId: string,
  overrides: { type?: string; date?: string; notes?: string } = {},
): Promise<Record<string, any>> {
  const input = {
    type: 'CALL',
    date: new Date(Date.now() - 3_600_000).toISOString(),
    notes: 'Called.',
    leadId,
    ...overrides,
  };
  const res = await app.gql(
    'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id type date notes lead { id } createdBy { id } } }',
    { i: input },
    user.token,
  );
  if (!res.data) throw new Error(`createInteraction failed: ${JSON.stringify(res.errors)}`);
  return res.data.createInteraction;
}

/**
 * Many leads (and interactions) at once for `user`'s company, made in the database by the
 * benchmark's generator: for tests that need volume the API would take minutes to create.
 */
export async function generateLeadsFor(
  app: TestApp,
  user: TestUser,
  leads: number,
  interactions = 0,
): Promise<void> {
  const { q, companyId } = await generatorFor(app, user);
  await generateLeads(q, companyId, [user.id], leads);
  if (interactions > 0) await generateInteractions(q, companyId, [user.id], leads, interactions);
}

/** What the benchmark's generators write with: a query on the app's database, and the user's company. */
export async function generatorFor(
  app: TestApp,
  user: TestUser,
): Promise<{ q: Query; companyId: string }> {
  const sequelize = app.app.get(Sequelize);
  // Without the app's statement timeout (DB_STATEMENT_TIMEOUT_MS, 15 s): one statement writing
  // 60 000 leads and their indexes outlasted it on a loaded machine, and the test failed before
  // it began. Lifted for the generator's own transaction only, as migrations and bench:data do.
  const q: Query = (sql, bind = []) =>
    sequelize.transaction(async (transaction) => {
      await sequelize.query('SET LOCAL statement_timeout = 0', { transaction });
      return sequelize.query(sql, { bind, type: QueryTypes.SELECT, transaction });
    });
  const [{ company_id: companyId }] = await q<{ company_id: string }>(
    'SELECT company_id FROM users WHERE id = $1',
    [user.id],
  );
  return { q, companyId };
}

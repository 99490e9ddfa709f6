import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { generateDeals } from '../../devkit/generate.js';
import type { AuthContext } from '../../src/auth/auth-context.js';
import type { CreateDealInput } from '../../src/deals/dto/create-deal.input.js';
import { DealsService } from '../../src/deals/deals.service.js';
import { viaApi, type FactoryTarget, type TestUser } from './factories.js';
import type { ServiceHarness } from './service-harness.js';
import { generatorFor } from './lead-factory.js';
import type { TestApp } from './test-app.js';

export const DEAL_FIELDS = `id title value currency stage priority leadScore leadSource
  expectedCloseDate closedAt notes createdAt updatedAt lead { id } assignedTo { id } createdBy { id }`;

type DealRecord = Awaited<ReturnType<DealsService['create']>>;

/**
 * A deal made by `user`: through the API (its GraphQL fields) or, in a service spec, through
 * DealsService (its record; the harness must import its module).
 */
export async function newDeal(
  app: TestApp,
  user: TestUser,
  input?: Record<string, unknown>,
): Promise<Record<string, any>>;
export async function newDeal(
  sut: ServiceHarness,
  caller: AuthContext,
  input?: Partial<CreateDealInput>,
): Promise<DealRecord>;
export async function newDeal(
  target: FactoryTarget,
  user: TestUser | AuthContext,
  input: Record<string, unknown> = {},
): Promise<Record<string, any> | DealRecord> {
  if (!viaApi(target))
    return target.get(DealsService).create(user as AuthContext, { title: 'Deal', ...input });
  const res = await target.gql(
    `mutation($i: CreateDealInput!) { createDeal(createDealInput: $i) { ${DEAL_FIELDS} } }`,
    { i: { title: 'Deal', ...input } },
    (user as TestUser).token,
  );
  if (!res.data) throw new Error(`createDeal failed: ${JSON.stringify(res.errors)}`);
  return res.data.createDeal;
}

/** Many deals for `user`'s company, made in the database by the benchmark's generator. */
export async function generateDealsFor(
  app: TestApp,
  user: TestUser,
  deals: number,
  assignees: string[] = [user.id],
): Promise<void> {
  const { q, companyId } = await generatorFor(app, user);
  await generateDeals(q, companyId, assignees, deals);
}

/** Reads rows straight from the test database (what the API wrote). */
export function dbRows<T extends object>(
  app: TestApp,
  sql: string,
  bind: unknown[] = [],
): Promise<T[]> {
  return app.app.get(Sequelize).query<T>(sql, { bind, type: QueryTypes.SELECT });
}

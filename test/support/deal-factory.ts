import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { generateDeals } from '../../devkit/generate.js';
import type { TestUser } from './factories.js';
import { generatorFor } from './lead-factory.js';
import type { TestApp } from './test-app.js';

export const DEAL_FIELDS = `id title value currency stage priority leadScore leadSource
  expectedCloseDate closedAt notes createdAt updatedAt lead { id } assignedTo { id } createdBy { id }`;

/** Creates a deal through the API as `user`; returns its fields. */
export async function newDeal(
  app: TestApp,
  user: TestUser,
  input: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await app.gql(
    `mutation($i: CreateDealInput!) { createDeal(createDealInput: $i) { ${DEAL_FIELDS} } }`,
    { i: { title: 'Deal', ...input } },
    user.token,
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

import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** A reference about to become a composite tenant key, and how to count rows that break it. */
export interface TenantReference {
  name: string;
  /** SELECT count(*)::int AS n … of the rows pointing into another company. */
  count: string;
}

/**
 * Says which rows point into another company before a tenant key is added, rather than letting
 * the key's validation fail blind: an operator corrects or deletes them, then migrates again.
 */
export async function refuseCrossTenantRows(
  sequelize: Sequelize,
  transaction: Transaction,
  references: readonly TenantReference[],
): Promise<void> {
  const found: string[] = [];
  for (const reference of references) {
    const [{ n }] = await sequelize.query<{ n: number }>(reference.count, {
      type: QueryTypes.SELECT,
      transaction,
    });
    if (n > 0) found.push(`${reference.name}: ${n}`);
  }
  if (found.length > 0)
    throw new Error(
      `rows that point into another company (${found.join('; ')}): correct or delete them, then migrate again`,
    );
}

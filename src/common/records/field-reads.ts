import type { Type } from '@nestjs/common';

/**
 * What the fields one feature adds to another's type read of their parent's row (`lead` reads
 * `leadId`, `tasks` reads `id`), declared where the field is: a nested list can then read only
 * the columns a query's selection needs.
 */
const declared = new Map<Type<unknown>, Map<string, readonly string[]>>();

export function declareFieldReads(
  type: Type<unknown>,
  field: string,
  keys: readonly string[],
): void {
  let fields = declared.get(type);
  if (!fields) declared.set(type, (fields = new Map<string, readonly string[]>()));
  fields.set(field, keys);
}

/**
 * The row keys the selected fields of `type` need, sorted: what a declared field reads, any
 * other field's own name (the node's field copied from the row's key of that name), and the id.
 * The reader of the rows decides: a name that is not a column of its record means whole rows —
 * a field this cannot see into gets everything it might read.
 */
export function fieldNeeds(type: Type<unknown>, selected: ReadonlySet<string>): readonly string[] {
  const keys = new Set<string>(['id']);
  for (const field of selected) {
    if (field === '__typename') continue;
    for (const key of declared.get(type)?.get(field) ?? [field]) keys.add(key);
  }
  return [...keys].sort();
}

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
 * The row keys of `record` that the selected fields of `type` need, besides `always`; null (the
 * whole row) as soon as a field is neither a column of the record nor declared: a field this
 * cannot see into must get everything it might read.
 */
export function recordKeysFor(
  type: Type<unknown>,
  record: Readonly<Record<string, unknown>>,
  selected: ReadonlySet<string>,
): ReadonlySet<string> | null {
  const keys = new Set<string>(['id']);
  for (const field of selected) {
    if (field === '__typename') continue;
    if (Object.hasOwn(record, field)) {
      keys.add(field);
      continue;
    }
    const reads = declared.get(type)?.get(field);
    if (!reads) return null;
    for (const key of reads) keys.add(key);
  }
  return keys;
}

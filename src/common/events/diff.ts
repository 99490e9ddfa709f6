export type Changes = Record<string, { from: unknown; to: unknown }>;

const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : (value ?? null);

/** The fields of `after` whose values differ from `before`, as { field: { from, to } }. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = comparable(before[field]);
    if (from !== comparable(to)) changes[field] = { from, to: comparable(to) };
  }
  return changes;
}

/** A new record's fields, as { field: { from: null, to } }, skipping empty ones. */
export function created(values: Record<string, unknown>): Changes {
  return diff(
    {},
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)),
  );
}

/** The entries of a partial update that were given: undefined means "leave as it is". */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

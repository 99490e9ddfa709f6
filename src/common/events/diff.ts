import type { FieldChanges } from './event-payload.js';

const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : (value ?? null);

/** The fields of `after` whose values differ from `before`, as { field: { from, to } }. */
export function diff<T extends object>(before: Partial<T>, after: Partial<T>): FieldChanges<T> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = comparable((before as Record<string, unknown>)[field]);
    if (from !== comparable(to)) changes[field] = { from, to: comparable(to) };
  }
  return changes as FieldChanges<T>;
}

/** A new record's fields, as { field: { from: null, to } }, skipping empty ones. */
export function created<T extends object>(values: Partial<T>): FieldChanges<T> {
  return diff<T>(
    {},
    Object.fromEntries(
      Object.entries(values).filter(([, v]) => v !== null && v !== undefined),
    ) as Partial<T>,
  );
}

export function isEmpty(changes: FieldChanges<object>): boolean {
  return Object.keys(changes).length === 0;
}

/** The entries of a partial update that were given: undefined means "leave as it is". */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

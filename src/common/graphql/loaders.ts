import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

/**
 * Names one per-request DataLoader and the types it maps. The feature that owns the data makes
 * the key and defines its batch; any feature allowed to read that data loads through it.
 */
export class LoaderKey<K, V> {
  declare private readonly types?: (key: K) => V;

  constructor(readonly name: string) {}
}

/**
 * One batch of keys → one value per key, in the same order; always within one company. `fields`:
 * the row keys the request reads of the rows (a nested list's selection), null when it reads
 * whole rows; a batch is free to ignore it and return whole rows.
 */
export type BatchLoad<K, V> = (
  companyId: string,
  keys: readonly K[],
  fields: readonly string[] | null,
) => Promise<readonly V[]>;

/** The rows in the order of `ids`, null where none was found. */
export function byId<T extends { id: string }>(
  ids: readonly string[],
  rows: readonly T[],
): (T | null)[] {
  return byKey(ids, rows, (row) => row.id);
}

/** The same, for rows found by another key of theirs (a lead's score by its lead). */
export function byKey<T>(
  keys: readonly string[],
  rows: readonly T[],
  keyOf: (row: T) => string,
): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** The rows of each key, in the order of `keys`: a batch of lists (a lead's interactions, …). */
export function groupedBy<T>(
  keys: readonly string[],
  rows: readonly T[],
  keyOf: (row: T) => string | null,
): T[][] {
  const grouped = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) grouped.get(key)?.push(row);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}

/**
 * A nested list's batch: the rows of every parent in one read (`fields` passed on), then grouped
 * by their parent, in the order of the parents' ids.
 */
export function perParent<T>(
  read: (
    companyId: string,
    parentIds: readonly string[],
    fields: readonly string[] | null,
  ) => Promise<readonly T[]>,
  parentOf: (row: T) => string | null,
): BatchLoad<string, T[]> {
  return async (companyId, parentIds, fields) =>
    groupedBy(parentIds, await read(companyId, parentIds, fields), parentOf);
}

/** Every batch the features defined at boot; each request gets its own loaders over them. */
@Injectable()
export class LoaderRegistry {
  // Keyed by the LoaderKey object; define/get keep each key's types paired with its batch.
  private readonly batches = new Map<object, BatchLoad<unknown, unknown>>();

  define<K, V>(key: LoaderKey<K, V>, batch: BatchLoad<K, V>): void {
    if (this.batches.has(key)) throw new Error(`loader ${key.name} is defined twice`);
    this.batches.set(key, batch as BatchLoad<unknown, unknown>);
  }

  /** `companyId` is read when a batch is due: the context is made before the guard has run. */
  forRequest(companyId: () => string): RequestLoaders {
    return new RequestLoaders(this.batches, companyId);
  }
}

/**
 * The loaders of one request, each made on first use, so N parents cost one batch per relation
 * (per relation and set of fields read, for a relation read in part).
 */
export class RequestLoaders {
  private readonly made = new Map<object, DataLoader<unknown, unknown>>();
  private readonly partial = new Map<
    object,
    Map<readonly string[], DataLoader<unknown, unknown>>
  >();

  constructor(
    private readonly batches: ReadonlyMap<object, BatchLoad<unknown, unknown>>,
    private readonly companyId: () => string,
  ) {}

  get<K, V>(key: LoaderKey<K, V>): DataLoader<K, V> {
    let loader = this.made.get(key);
    if (!loader) {
      loader = this.make(key, null);
      this.made.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * The loader of `key` whose rows may hold only `fields`: part rows never meet the whole rows of
   * `get(key)` in one cache. Keyed by the array itself, which callers keep per selection: a lookup
   * per parent costs no string building.
   */
  getPartial<K, V>(key: LoaderKey<K, V>, fields: readonly string[]): DataLoader<K, V> {
    let byFields = this.partial.get(key);
    if (!byFields)
      this.partial.set(
        key,
        (byFields = new Map<readonly string[], DataLoader<unknown, unknown>>()),
      );
    let loader = byFields.get(fields);
    if (!loader) {
      loader = this.make(key, fields);
      byFields.set(fields, loader);
    }
    return loader as DataLoader<K, V>;
  }

  private make(key: { name: string }, fields: readonly string[] | null) {
    const batch = this.batches.get(key);
    if (!batch) throw new Error(`no loader ${key.name} is defined`);
    return new DataLoader<unknown, unknown>((keys) => batch(this.companyId(), keys, fields));
  }
}

/**
 * A statement PostgreSQL parses and plans once per connection and then runs by name (pg's named
 * statements), for the hot statements whose plan cannot depend on their values: INSERT, and
 * UPDATE or SELECT by key. Planning the INSERT into leads (its checks, its generated column, its
 * indexes) costs PostgreSQL more than running it. Not for lists: their generic plan would be
 * chosen without the tenant's or the search term's statistics.
 */
export class Prepared {
  constructor(readonly text: string) {}
}

export const prepared = (text: string): Prepared => new Prepared(text);

/**
 * Distinct texts given a name, per process: every connection may hold each of them prepared. The
 * builders (insertRow, updateRow) make a text per set of columns; past this many, a new text runs
 * unnamed, so that no mix of fields a client sends grows what a connection holds.
 */
const MAX_NAMED = 200;

export class StatementNames {
  private readonly names = new Map<string, string>();

  /** The name of `text`, or undefined when it is to run unnamed. */
  of(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || this.names.size >= MAX_NAMED) return known;
    const name = `crm_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

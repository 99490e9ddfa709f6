/**
 * A statement PostgreSQL parses and plans once per connection and then runs by name (pg's named
 * statements), for the hot statements whose plan cannot depend on their values: INSERT, and
 * UPDATE or SELECT by key. Planning the INSERT into leads (its checks, its generated column, its
 * indexes) costs PostgreSQL more than running it. Not for lists: their generic plan would be
 * chosen without the tenant's or the search term's statistics.
 */
export class Prepared {
  constructor(
    readonly text: string,
    /** Made from a request's fields (insertRow, updateRow): one of many texts, so capped. */
    readonly built = false,
  ) {}
}

/** A statement written out in the code: one text, always named. */
export const prepared = (text: string): Prepared => new Prepared(text);

/** A statement a builder made for one set of columns. */
export const preparedBuilt = (text: string): Prepared => new Prepared(text, true);

/**
 * Built texts given a name, per process: every connection may hold each of them prepared. Past
 * this many, a new built text runs unnamed, so that no mix of fields clients send grows what a
 * connection holds — and none of that crowds out the statements written in the code, which are
 * few and always named.
 */
const MAX_BUILT = 200;

export class StatementNames {
  private readonly names = new Map<string, string>();
  private built = 0;

  /** The name of a statement, or undefined when it is to run unnamed. */
  of(statement: Prepared): string | undefined {
    const known = this.names.get(statement.text);
    if (known) return known;
    if (statement.built) {
      if (this.built >= MAX_BUILT) return undefined;
      this.built++;
    }
    const name = `crm_${this.names.size + 1}`;
    this.names.set(statement.text, name);
    return name;
  }
}

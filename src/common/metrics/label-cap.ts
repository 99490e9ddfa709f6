/**
 * A label whose values a client chooses (an operation's name) is capped: past `max` distinct
 * values, or for a value not shaped like a name, it reads `other`, so no client can grow the
 * series the process holds and every scrape carries.
 */
export class LabelCap {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly shape = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !this.shape.test(value)) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * Texts that may be this long or longer are measured as they resolve. Shorter ones are bounded
 * by the query cost alone (each costs one, at most GRAPHQL_MAX_COST of them), so the hot fields
 * of a page — names, e-mails, ids — are not wrapped.
 */
export const LONG_TEXT_CHARS = 1000;

/** The long texts one query's answer has gathered, against the limit. */
export class AnswerSize {
  private bytes = 0;
  /** Only a query's answer is held to it: a mutation's has been committed and must be told. */
  enforced = true;

  constructor(readonly maxBytes: number) {}

  get exceeded(): boolean {
    return this.enforced && this.bytes > this.maxBytes;
  }

  add(value: unknown): void {
    if (typeof value === 'string') this.bytes += Buffer.byteLength(value);
    else if (value !== null && value !== undefined) this.bytes += JSON.stringify(value).length;
  }
}

import { RateLimitedException, type AppException } from '../common/errors/app.exception.js';

/**
 * How many long runs that each hold a pooled connection (CSV exports while their client reads,
 * bulk score recalculations) go at once, in all and per owner: a few of them must not take the
 * pool from everyone else.
 */
export class ConnectionSlots {
  private running = 0;
  private readonly byOwner = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly perOwner: number,
    /** The error a refusal answers with (RATE_LIMITED unless a reason says more). */
    private readonly refusal: () => AppException = () => new RateLimitedException(5),
  ) {}

  /** A slot for `owner`, or RATE_LIMITED; the returned function gives it back (once). */
  take(owner: string): () => void {
    const mine = this.byOwner.get(owner) ?? 0;
    if (this.running >= this.max || mine >= this.perOwner) throw this.refusal();
    this.running++;
    this.byOwner.set(owner, mine + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.running--;
      const left = (this.byOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.byOwner.set(owner, left);
      else this.byOwner.delete(owner);
    };
  }
}

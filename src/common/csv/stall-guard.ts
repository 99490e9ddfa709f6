import { Transform, type TransformCallback } from 'node:stream';

/** The slowest a reader may take output while it waits for them, and over how long. */
export interface MinReadRate {
  bytesPerSecond: number;
  windowMs: number;
}

/**
 * Ends a stream whose reader has stopped reading, or reads too slowly: it is destroyed, and with
 * it the pipeline behind it (the database's COPY and its connection), when
 *
 * - output waits unread for `stallMs`, or
 * - with `minRate`, the reader took less than `bytesPerSecond` over `windowMs` of the reader's
 *   time: a slow-but-steady reader would otherwise hold what the pipeline holds for as long as
 *   the export may last.
 *
 * A slow source is neither: the time the reader spends waiting for output (it has taken all there
 * was) is not the reader's time, and nothing waits unread meanwhile.
 */
export class StallGuard extends Transform {
  private lastRead = Date.now();
  /** Bytes handed on so far; less what still waits here, what the reader has taken. */
  private pushed = 0;
  /** Since when the reader waits for the source (it took all there was), if it does. */
  private starvedSince: number | null = null;
  /** The reader's time spent waiting for the source, in all. */
  private starvedMs = 0;
  private window = { start: Date.now(), taken: 0, starvedMs: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stallMs: number,
    private readonly minRate?: MinReadRate,
  ) {
    super();
    const every = Math.min(stallMs, minRate?.windowMs ?? stallMs);
    this.timer = setInterval(() => this.check(), Math.max(50, Math.floor(every / 10)));
    this.timer.unref();
    const stop = (): void => clearInterval(this.timer);
    this.once('close', stop);
    this.once('end', stop);
  }

  override _read(size: number): void {
    this.lastRead = Date.now();
    super._read(size);
  }

  /**
   * Whatever reads (a pipe reads through here too): when the reader has taken all there was and
   * no more came at once, it waits for the source from now on, until the next chunk.
   */
  override read(size?: number): unknown {
    const chunk: unknown = super.read(size);
    if (this.readableLength === 0 && this.starvedSince === null) this.starvedSince = Date.now();
    return chunk;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.starvedSince !== null) {
      this.starvedMs += Date.now() - this.starvedSince;
      this.starvedSince = null;
    }
    this.pushed += chunk.length;
    done(null, chunk);
  }

  private taken(): number {
    return this.pushed - this.readableLength;
  }

  private starved(now: number): number {
    return this.starvedMs + (this.starvedSince === null ? 0 : now - this.starvedSince);
  }

  private check(): void {
    const now = Date.now();
    if (this.readableLength > 0 && now - this.lastRead >= this.stallMs)
      return void this.destroy(new Error(`the client read nothing for ${this.stallMs} ms`));
    if (!this.minRate || this.minRate.bytesPerSecond <= 0) return;
    const readersMs = now - this.window.start - (this.starved(now) - this.window.starvedMs);
    if (readersMs < this.minRate.windowMs) return;
    const taken = this.taken() - this.window.taken;
    if (taken * 1000 < this.minRate.bytesPerSecond * readersMs)
      return void this.destroy(
        new Error(
          `the client read ${taken} bytes in ${readersMs} ms, slower than ${this.minRate.bytesPerSecond} bytes/s`,
        ),
      );
    this.window = { start: now, taken: this.taken(), starvedMs: this.starved(now) };
  }
}

import { Transform, type TransformCallback } from 'node:stream';

/**
 * Ends a stream whose reader has stopped reading: when output waits unread for `stallMs`, it is
 * destroyed, and with it the pipeline behind it (the database's COPY and its connection). A slow
 * source is no stall: nothing waits unread while it thinks.
 */
export class StallGuard extends Transform {
  private lastRead = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stallMs: number) {
    super();
    this.timer = setInterval(() => this.check(), Math.max(50, Math.floor(stallMs / 4)));
    this.timer.unref();
    const stop = (): void => clearInterval(this.timer);
    this.once('close', stop);
    this.once('end', stop);
  }

  override _read(size: number): void {
    this.lastRead = Date.now();
    super._read(size);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, chunk);
  }

  private check(): void {
    if (this.readableLength > 0 && Date.now() - this.lastRead >= this.stallMs)
      this.destroy(new Error(`the client read nothing for ${this.stallMs} ms`));
  }
}

import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * PostgreSQL ends CSV records with LF; RFC 4180 wants CRLF. A line feed inside a quoted field is
 * data and stays as it is, so the quoting state is followed across chunks.
 */
export class CrlfRecords extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let extra = 0;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === LF) extra++;
    if (extra === 0 && !chunk.includes(QUOTE)) return done(null, chunk);
    const out = Buffer.allocUnsafe(chunk.length + extra);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      // A doubled quote inside a field toggles twice: the state stays right without lookahead.
      if (byte === QUOTE) this.quoted = !this.quoted;
      else if (byte === LF && !this.quoted && (i === 0 || chunk[i - 1] !== CR)) out[o++] = CR;
      out[o++] = byte;
    }
    done(null, out.subarray(0, o));
  }
}

import type { Readable, Writable } from 'node:stream';

const NEWLINE = 0x0a;

/**
 * Copies `from` to `to` in whole lines. Workers hand their output to the supervisor, which alone
 * writes to the real stdout: a log line can then never be cut by another worker's line, as it
 * could be when several processes write batches to one pipe (only writes up to PIPE_BUF are atomic).
 */
export function relayLines(from: Readable, to: Writable): void {
  let partial: Buffer = Buffer.alloc(0);
  from.on('data', (chunk: Buffer) => {
    const data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
    const end = data.lastIndexOf(NEWLINE);
    if (end === -1) {
      partial = data;
      return;
    }
    to.write(data.subarray(0, end + 1));
    partial = Buffer.from(data.subarray(end + 1));
  });
  from.on('end', () => {
    if (partial.length > 0) to.write(partial);
  });
}

import { startTcpProxy } from './tcp-proxy.js';

/**
 * A loopback proxy in front of PostgreSQL that counts round trips: the times a client had to wait
 * for the server. A simple Query ('Q') or the Sync ('S') that ends an extended-protocol exchange
 * makes the server answer with ReadyForQuery ('Z'); one sent while an earlier one is still
 * unanswered is pipelined behind it and costs no wait of its own.
 */
export interface RoundTripCounter {
  port: number;
  count(): number;
  close(): Promise<void>;
}

/** Calls `onMessage` with the type byte of each whole protocol message in a byte stream. */
function messageReader(untypedFirst: boolean, onMessage: (type: number) => void) {
  // A client's first message (startup) has no type byte; every later one is type + int32 length.
  let started = !untypedFirst;
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer): void => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const head = started ? 5 : 4;
      if (pending.length < head) break;
      const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0);
      if (pending.length < length) break;
      if (started) onMessage(pending[0]);
      started = true;
      pending = pending.subarray(length);
    }
  };
}

const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const READY_FOR_QUERY = 0x5a; // 'Z'

export async function countRoundTrips(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  let trips = 0;
  const proxy = await startTcpProxy(target, () => {
    let unanswered = 0;
    let ready = false; // the server's first ReadyForQuery ends the startup, which is not counted
    return {
      fromClient: messageReader(true, (type) => {
        if (type !== QUERY && type !== SYNC) return;
        if (ready && unanswered === 0) trips++;
        unanswered++;
      }),
      fromServer: messageReader(false, (type) => {
        if (type !== READY_FOR_QUERY) return;
        if (!ready) ready = true;
        else unanswered = Math.max(0, unanswered - 1);
      }),
    };
  });
  return { port: proxy.port, count: () => trips, close: () => proxy.close() };
}

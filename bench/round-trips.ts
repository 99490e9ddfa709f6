import { startTcpProxy } from './tcp-proxy.js';

/**
 * A loopback proxy in front of PostgreSQL that counts round trips: the frontend messages that
 * make the server answer — a simple Query ('Q') or the Sync ('S') that ends an extended-protocol
 * exchange (Parse/Bind/Execute…). Each costs the client one wait for the server.
 */
export interface RoundTripCounter {
  port: number;
  count(): number;
  close(): Promise<void>;
}

export async function countRoundTrips(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  let trips = 0;
  const proxy = await startTcpProxy(target, () => {
    // The first message (startup) has no type byte; every later one is type + int32 length.
    let started = false;
    let pending: Buffer = Buffer.alloc(0);
    return (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const head = started ? 5 : 4;
        if (pending.length < head) break;
        const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0);
        if (pending.length < length) break;
        if (started && (pending[0] === 0x51 || pending[0] === 0x53)) trips++; // 'Q', 'S'
        started = true;
        pending = pending.subarray(length);
      }
    };
  });
  return { port: proxy.port, count: () => trips, close: () => proxy.close() };
}

import net from 'node:net';

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
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    // The first message (startup) has no type byte; every later one is type + int32 length.
    let started = false;
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
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
    });
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    count: () => trips,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

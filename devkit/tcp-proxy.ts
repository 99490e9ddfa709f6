import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones until `resume`. */
  cut(): void;
  resume(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to a real server: tests cut it to make that server unreachable at will;
 * the bench reads what passes through it (`onConnection` gives each connection its readers).
 */
export async function startTcpProxy(
  target: { host: string; port: number },
  onConnection?: () => {
    fromClient: (chunk: Buffer) => void;
    fromServer: (chunk: Buffer) => void;
  },
): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    const readers = onConnection?.();
    if (readers) {
      client.on('data', readers.fromClient);
      upstream.on('data', readers.fromServer);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    resume() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

import { io, type Socket } from 'socket.io-client';

type Payload = Record<string, any>;

/** A socket.io-client as a browser tab would use it, recording what it receives. */
export interface TestSocket {
  socket: Socket;
  /** Every event received so far, in order. */
  received: { event: string; payload: Payload }[];
  /** The next (or an already received) `event` whose payload matches; fails after `timeoutMs`. */
  next(event: string, match?: (payload: Payload) => boolean, timeoutMs?: number): Promise<Payload>;
  /** Resolves with the disconnect reason. */
  disconnected(timeoutMs?: number): Promise<string>;
  close(): void;
}

const EVENTS = ['notification:created', 'notification:updated', 'notifications:bulk-updated'];

/** Connects with `token` (omit it to connect without one); rejects with the connect_error. */
export function connectSocket(
  url: string,
  token: string | undefined,
  options: { origin?: string } = {},
): Promise<TestSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    auth: token === undefined ? {} : { token },
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
    forceNew: true,
  });
  const received: TestSocket['received'] = [];
  const waiters: {
    event: string;
    match: (p: Payload) => boolean;
    resolve: (p: Payload) => void;
  }[] = [];
  for (const event of EVENTS)
    socket.on(event, (payload: Payload) => {
      received.push({ event, payload });
      for (const waiter of [...waiters])
        if (waiter.event === event && waiter.match(payload)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(payload);
        }
    });
  const client: TestSocket = {
    socket,
    received,
    next(event, match = () => true, timeoutMs = 5000) {
      const seen = received.find((r) => r.event === event && match(r.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          event,
          match,
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
      });
    },
    disconnected(timeoutMs = 5000) {
      if (socket.disconnected) return Promise.resolve('already disconnected');
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
        socket.once('disconnect', (reason) => {
          clearTimeout(timer);
          resolve(reason);
        });
      });
    },
    close: () => void socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      reject(error);
    });
  });
}

/** Lets in-flight pushes arrive before asserting that something did not. */
export const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

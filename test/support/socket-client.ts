import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import type { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { NotificationsGateway } from '../../src/notifications/realtime/notifications.gateway.js';
import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

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

/**
 * A tab whose connection drops and comes back by hand (connection state recovery): `drop` closes
 * the transport as a network failure would, `reconnect` opens a new one carrying the session's
 * pid and offset, with another token (a tab that switched accounts) or to another instance when
 * given. Records the notifications it receives.
 */
export interface DroppableSocket {
  socket: Socket;
  created: Payload[];
  drop(): Promise<void>;
  /** Resolves once connected again; rejects with the connect_error. */
  reconnect(options?: { token?: string; url?: string }): Promise<void>;
  close(): void;
}

export async function droppableSocket(url: string, token: string): Promise<DroppableSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token },
    forceNew: true,
  });
  const created: Payload[] = [];
  socket.on('notification:created', (payload: Payload) => created.push(payload));
  const connected = (): Promise<void> =>
    new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('connect_error', reject);
        resolve();
      });
      socket.once('connect_error', reject);
    });
  await connected();
  return {
    socket,
    created,
    async drop() {
      const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      socket.io.engine.close();
      await gone;
    },
    async reconnect(options = {}) {
      if (options.token) socket.auth = { token: options.token };
      // The manager's address: where a balancer would send the next connection.
      if (options.url) (socket.io as unknown as { uri: string }).uri = options.url;
      const done = connected();
      socket.connect();
      await done;
    },
    close: () => void socket.close(),
  };
}

/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The rooms the server holds `socketId` in, among `app`'s own sockets. */
export async function roomsOf(app: TestApp, socketId: string | undefined): Promise<string[]> {
  // The gateway's server is private: the test looks at what a client cannot see.
  const gateway: unknown = app.app.get(NotificationsGateway);
  const { server } = gateway as { server: Server };
  const sockets = await server.local.fetchSockets();
  return [...(sockets.find((s) => s.id === socketId)?.rooms ?? [])].sort();
}

/** The company an access token names (its `cid` claim). */
export function companyIdOf(user: TestUser): string {
  return String(jwt.decode(user.token, { json: true })?.cid);
}

/** A bare websocket upgrade, as a script would open one: no socket.io client behind it. */
export type RawUpgrade =
  | {
      upgraded: true;
      /** The text frames received: engine.io packets, socket.io's behind a `4`. */
      messages: string[];
      /** Sends socket.io's CONNECT for the main namespace, with `auth`, in one masked frame. */
      sendConnect(auth: Record<string, unknown>): void;
      /** Resolves when the server ends the websocket (a close frame), or the connection ends. */
      closed: Promise<void>;
      close(): void;
    }
  | { upgraded: false; status: number; body: string; retryAfter: string | undefined };

/**
 * Opens a websocket to socket.io's path and stops there: it sends no CONNECT unless told to.
 * `query` adds to engine.io's own parameters (a `sid`, say).
 */
export function rawUpgrade(
  url: string,
  options: { headers?: Record<string, string>; query?: Record<string, string> } = {},
): Promise<RawUpgrade> {
  const { headers = {}, query = {} } = options;
  const search = new URLSearchParams({ EIO: '4', transport: 'websocket', ...query });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/socket.io/?${search.toString()}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket: NetSocket, head: Buffer) => {
      const messages: string[] = [];
      let ended!: () => void;
      const closed = new Promise<void>((done) => (ended = done));
      socket.once('close', () => ended());
      socket.on('error', () => undefined);
      let pending = head;
      const read = (chunk: Buffer): void => {
        pending = Buffer.concat([pending, chunk]);
        for (let frame = serverFrame(pending); frame; frame = serverFrame(pending)) {
          pending = pending.subarray(frame.size);
          // A close frame: the server has ended the websocket (it may wait for ours a while).
          if (frame.opcode === 0x8) ended();
          else messages.push(frame.payload.toString('utf8'));
        }
      };
      socket.on('data', read);
      // What came with the 101 answer (engine.io's open packet, often) is in `head` already.
      read(Buffer.alloc(0));
      resolve({
        upgraded: true,
        messages,
        sendConnect: (auth) => socket.write(maskedTextFrame(`40${JSON.stringify(auth)}`)),
        closed,
        close: () => void socket.destroy(),
      });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          upgraded: false,
          status: res.statusCode ?? 0,
          body,
          retryAfter: res.headers['retry-after'],
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** engine.io's open packet, the first a raw websocket receives: its session and ping timing. */
export async function openPacket(
  upgrade: Extract<RawUpgrade, { upgraded: true }>,
): Promise<{ sid: string; pingInterval: number; pingTimeout: number }> {
  await waitFor(() => upgrade.messages.length > 0);
  const [first] = upgrade.messages;
  if (!first.startsWith('0')) throw new Error(`not an open packet: ${first}`);
  return JSON.parse(first.slice(1)) as { sid: string; pingInterval: number; pingTimeout: number };
}

/** One client-to-server websocket text frame (RFC 6455: clients mask), for payloads under 126 bytes. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('frame too long for this helper');
  const mask = randomBytes(4);
  const masked = payload.map((byte, i) => byte ^ mask[i % 4]);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** The first whole frame of `data` from the server (unmasked), or null while it is incomplete. */
function serverFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (data.length < 2) return null;
  let length = data[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (data.length < offset + length) return null;
  return {
    opcode: data[0] & 0x0f,
    payload: data.subarray(offset, offset + length),
    size: offset + length,
  };
}

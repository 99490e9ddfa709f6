import { randomBytes } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { SocketData } from './socket-events.js';

/** How long a restored session's packets wait for its handshake to pass or fail. */
const HOLD_MS = 30_000;

/** Whose session it was: the user and company its socket had been admitted for. */
export interface SessionOwner {
  userId: string;
  companyId: string;
}

interface Held {
  packets: unknown[][];
  /** Null when the session carried no admitted user (never handed anything then). */
  owner: SessionOwner | null;
  until: number;
}

/**
 * Connection state recovery, with the token checked first. Socket.io restores a session (rooms,
 * data, missed packets) while building the socket, before any middleware runs: a client whose
 * session ended while it was away would get its missed notifications anyway, and a socket
 * reconnecting with another user's token (a tab that switched accounts) would keep the first
 * user's rooms and packets. So the restore keeps only the socket id; the packets wait here, with
 * the user the session belonged to (its persisted `socket.data`), until the gateway has admitted
 * the socket for that same user and company, or are dropped when it is refused or is someone else.
 */
export class GatedRecovery {
  private readonly held = new Map<string, Held>();

  constructor(namespace: Namespace) {
    const adapter = namespace.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      // The in-memory and Redis adapters resolve to nothing for an unknown session.
      if (!session) return session;
      this.prune();
      this.held.set(session.sid, {
        packets: session.missedPackets,
        owner: ownerOf(session.data),
        until: Date.now() + HOLD_MS,
      });
      return { ...session, rooms: [], data: undefined, missedPackets: [] };
    };
  }

  /**
   * Called once the socket's token has passed. A recovered socket of another user or company than
   * its session's (or whose packets waited too long) loses what the session missed and starts
   * fresh: a new private id (`pid`), so the client does not believe it recovered and refetches.
   */
  claim(socket: Pick<Socket, 'id' | 'recovered'>, owner: SessionOwner): void {
    if (!socket.recovered) return;
    const held = this.held.get(socket.id);
    if (held && held.until > Date.now() && sameOwner(held.owner, owner)) return;
    this.held.delete(socket.id);
    // `recovered` and `pid` are socket.io's own (read-only, private): the CONNECT packet that
    // tells the client whether it recovered is written from them after the middlewares.
    Object.assign(socket, { recovered: false, pid: randomBytes(15).toString('base64url') });
  }

  /** The packets a socket missed, once (empty when it was not recovered or waited too long). */
  take(socketId: string): unknown[][] {
    const held = this.held.get(socketId);
    this.held.delete(socketId);
    return held && held.until > Date.now() ? held.packets : [];
  }

  drop(socketId: string): void {
    this.held.delete(socketId);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, held] of this.held) if (held.until <= now) this.held.delete(id);
  }
}

/** The user a persisted session's `socket.data` names, as the gateway set it at admission. */
function ownerOf(data: unknown): SessionOwner | null {
  const { userId, companyId } = (data ?? {}) as Partial<SocketData>;
  return typeof userId === 'string' && typeof companyId === 'string' ? { userId, companyId } : null;
}

function sameOwner(a: SessionOwner | null, b: SessionOwner): boolean {
  return a !== null && a.userId === b.userId && a.companyId === b.companyId;
}

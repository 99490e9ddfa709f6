import type { Namespace } from 'socket.io';

/** How long a restored session's packets wait for its handshake to pass or fail. */
const HOLD_MS = 30_000;

interface Held {
  packets: unknown[][];
  until: number;
}

/**
 * Connection state recovery, with the token checked first. Socket.io restores a session (rooms,
 * data, missed packets) while building the socket, before any middleware runs: a client whose
 * session ended while it was away would get its missed notifications anyway, and a socket
 * reconnecting with another user's token would keep the first user's rooms. So the restore keeps
 * only the socket id; the packets wait here until the gateway has admitted the socket (and
 * joined it to its own rooms), or are dropped when it is refused.
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
      this.held.set(session.sid, { packets: session.missedPackets, until: Date.now() + HOLD_MS });
      return { ...session, rooms: [], data: undefined, missedPackets: [] };
    };
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

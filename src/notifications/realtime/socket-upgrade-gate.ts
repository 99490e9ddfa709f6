import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { clientIpOf } from '../../common/http/client-ip.js';
import { AppConfig } from '../../config/app-config.js';
import { trustFunction, type TrustFunction } from '../../config/trust-proxy.js';
import { clientKey } from '../../rate-limit/client-key.js';
import { RateLimiters } from '../../rate-limit/rate-limiters.js';
import { spend } from '../../rate-limit/spend.js';
import { NotificationException, NotificationReason } from '../notification.exception.js';
import { answerUpgrade } from './socket-refusal.js';

/** How long a connection the server has closed before admission may wait for the client's close frame. */
const CLOSE_GRACE_MS = 1000;

/** engine.io's `allowRequest` callback: an error message (unused by websockets) and the verdict. */
type Verdict = (message: string | null | undefined, success: boolean) => void;

/**
 * Every websocket upgrade, before socket.io reads a packet of it (and so before a recovery lookup
 * in Redis or a token check): it spends a point of the client IP's request budget, must come from
 * an allowed Origin, and may not make the client IP hold more than SOCKET_MAX_PENDING_PER_IP
 * connections that are not admitted yet. Over budget or over the cap, the upgrade is answered
 * 429 and never becomes a websocket. A pending connection stops counting when the gateway admits
 * its socket or when it closes (refused, timed out by SOCKET_CONNECT_TIMEOUT_MS, or gone).
 * Counted per instance: each instance holds its own connections.
 */
@Injectable()
export class SocketUpgradeGate {
  private readonly trust: TrustFunction;
  /** Pending connections per client key. */
  private readonly pending = new Map<string, number>();
  /** Each pending upgrade's release of its place; idempotent. */
  private readonly releases = new WeakMap<IncomingMessage, () => void>();
  /** Upgrades whose budget point has not paid for a CONNECT yet. */
  private readonly prepaid = new WeakSet<IncomingMessage>();

  constructor(
    private readonly limiters: RateLimiters,
    private readonly config: AppConfig,
  ) {
    this.trust = trustFunction(config.TRUST_PROXY);
  }

  /** For engine.io's `allowRequest`, which websocket-only sees for upgrades only. */
  readonly allowRequest = (req: IncomingMessage, verdict: Verdict): void => {
    this.check(req).then(
      (allowed) => verdict(allowed ? null : 'Forbidden', allowed),
      // Answered here, as engine.io would only answer 400 or 403; then engine.io closes it.
      (error: unknown) => answerUpgrade(req.socket, error, () => verdict('Refused', false)),
    );
  };

  /**
   * Whether the connection's budget point is still unspent: the first CONNECT on it was paid for
   * by its upgrade, any later one pays for itself.
   */
  takePrepaid(req: IncomingMessage): boolean {
    return this.prepaid.delete(req);
  }

  /**
   * A websocket the server closes (its CONNECT refused, or not admitted in time) waits for the
   * client's close frame, up to 30 s in `ws`: a client that never sends one would keep its
   * connection, and its place among the pending, that long. Its raw connection is ended soon after.
   */
  watch(engine: Server['engine']): void {
    engine.on(
      'connection',
      (conn: { request: IncomingMessage; once(e: 'close', l: () => void): void }) => {
        const req = conn.request;
        conn.once('close', () => {
          if (!this.releases.has(req)) return;
          setTimeout(() => req.socket.destroy(), CLOSE_GRACE_MS).unref();
        });
      },
    );
  }

  /** Its socket was admitted: the connection is no longer pending. */
  admitted(req: IncomingMessage): void {
    this.releases.get(req)?.();
  }

  private async check(req: IncomingMessage): Promise<boolean> {
    const key = clientKey(clientIpOf(req, this.trust));
    await spend(this.limiters.api, key);
    const origin = req.headers.origin;
    if (origin !== undefined && !this.config.CORS_ORIGINS.includes(origin)) return false;
    // Gone while its point was spent: nothing to hold, and no 'close' left to release it.
    if (req.socket.destroyed) return false;
    this.hold(req, key);
    this.prepaid.add(req);
    return true;
  }

  /** Counted and taken with no await between: parallel upgrades cannot all pass. */
  private hold(req: IncomingMessage, key: string): void {
    const count = this.pending.get(key) ?? 0;
    const max = this.config.SOCKET_MAX_PENDING_PER_IP;
    if (count >= max)
      throw new NotificationException(
        NotificationReason.TOO_MANY_PENDING_SOCKETS,
        `At most ${max} websockets per client waiting to be admitted`,
      );
    this.pending.set(key, count + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.releases.delete(req);
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
    };
    this.releases.set(req, release);
    // The raw connection under the websocket: it closes however the websocket ends.
    req.socket.once('close', release);
  }
}

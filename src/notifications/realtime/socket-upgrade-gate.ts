import { Injectable } from '@nestjs/common';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { clientIpOf } from '../../common/http/client-ip.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { NotificationsConfig } from '../notifications.config.js';
import { trustFunction, type TrustFunction } from '../../config/trust-proxy.js';
import { clientKey } from '../../rate-limit/client-key.js';
import { RateLimiters } from '../../rate-limit/rate-limiters.js';
import { spend } from '../../rate-limit/spend.js';
import { NotificationException, NotificationReason } from '../notification.exception.js';
import { answerRequest, answerUpgrade } from './socket-refusal.js';

/** How long a connection the server has closed before admission may wait for the client's close frame. */
const CLOSE_GRACE_MS = 1000;

/** What engine.io has parsed of the query before its middlewares run (`prepare`). */
type EngineRequest = IncomingMessage & { _query?: Record<string, string> };

/** engine.io's middleware continuation: an error makes engine.io abort the request. */
type Next = (error?: unknown) => void;

/**
 * Every request to socket.io's path, before engine.io reads it (and so before socket.io reads a
 * packet, a recovery lookup in Redis or a token check): it spends a point of the client IP's
 * request budget, must come from an allowed Origin and may not name an engine.io session (`sid`);
 * an upgrade may then not make the client IP hold more than SOCKET_MAX_PENDING_PER_IP connections
 * that are not admitted yet. A refused request is answered with a JSON body (429 and Retry-After
 * over budget or over the cap) and never becomes a websocket. A pending connection stops counting
 * when the gateway admits its socket or when it closes (refused, timed out by
 * SOCKET_CONNECT_TIMEOUT_MS, or gone). Counted per instance: each instance holds its own connections.
 *
 * An engine.io middleware rather than `allowRequest`: engine.io asks `allowRequest` only of a
 * request without `sid`, and one with the `sid` of an open session would skip every check here
 * and be held up to engine.io's upgradeTimeout as a transport upgrade. With websocket transport
 * only no client of ours ever sends one, so it is refused outright.
 */
/**
 * Whether the request carries a `sid`. engine.io reads `_query` (parsed before its middlewares
 * run) and treats a truthy `sid` as naming a session; any `sid` at all is refused here, an empty
 * one too, and the URL itself is read should `_query` ever be missing (failing closed).
 */
function namesSession(req: EngineRequest): boolean {
  if (req._query) return Object.hasOwn(req._query, 'sid');
  return new URL(req.url ?? '/', 'http://socket.invalid').searchParams.has('sid');
}

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
    private readonly config: PlatformConfig,
    private readonly sockets: NotificationsConfig,
  ) {
    this.trust = trustFunction(config.TRUST_PROXY);
  }

  /** For `engine.use`: engine.io runs its middlewares for every request, `sid` or not. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    // For an upgrade engine.io hands its middlewares a stand-in, not Node's response.
    const upgrade = !(res instanceof ServerResponse);
    this.check(req, upgrade).then(
      () => next(),
      (error: unknown) => {
        // Answered here with our body; engine.io then only closes what is left (its own
        // answer is skipped: the connection is ended, or the response sent).
        if (upgrade) answerUpgrade(req.socket, error, () => next(error));
        else {
          answerRequest(res, error);
          next(error);
        }
      },
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
  attach(engine: Server['engine']): void {
    engine.use(this.middleware);
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

  private async check(req: EngineRequest, upgrade: boolean): Promise<void> {
    const key = clientKey(clientIpOf(req, this.trust));
    await spend(this.limiters.api, key);
    const origin = req.headers.origin;
    if (origin !== undefined && !this.config.CORS_ORIGINS.includes(origin))
      throw new NotificationException(
        NotificationReason.ORIGIN_NOT_ALLOWED,
        'Origin is not one of CORS_ORIGINS',
      );
    if (namesSession(req))
      throw new NotificationException(
        NotificationReason.SESSION_ID_NOT_ACCEPTED,
        'Websocket transport only: a request may not name an engine.io session (sid)',
      );
    // A plain request is answered by engine.io at once (no polling transport): nothing to hold.
    if (!upgrade) return;
    // Gone while its point was spent: nothing to hold, and no 'close' left to release it.
    if (req.socket.destroyed) throw new Error('Connection closed before its upgrade was checked');
    this.hold(req, key);
    this.prepaid.add(req);
  }

  /** Counted and taken with no await between: parallel upgrades cannot all pass. */
  private hold(req: IncomingMessage, key: string): void {
    const count = this.pending.get(key) ?? 0;
    const max = this.sockets.SOCKET_MAX_PENDING_PER_IP;
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

import { sinceCommit } from '../../common/events/after-commit.js';
import { pushLatency, socketsConnected } from '../notifications.metrics.js';
import { Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessTokenAuthenticator } from '../../auth/access-token-authenticator.js';
import { AuthEvents } from '../../auth/auth.events.js';
import { AuthException, AuthReason } from '../../auth/auth.exception.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { trustFunction, type TrustFunction } from '../../config/trust-proxy.js';
import { clientIpOf } from '../../common/http/client-ip.js';
import { EventPhase, type DomainEvent } from '../../common/events/domain-event.js';
import { OnDomainEvent } from '../../common/events/on-domain-event.decorator.js';
import { clientKey } from '../../rate-limit/client-key.js';
import { RateLimiters } from '../../rate-limit/rate-limiters.js';
import { spend } from '../../rate-limit/spend.js';
import { UserEvents } from '../../users/users.events.js';
import type { NotificationRecord } from '../notification.record.js';
import { NotificationException, NotificationReason } from '../notification.exception.js';
import { GatedRecovery } from './gated-recovery.js';
import { connectError } from './socket-refusal.js';
import { SocketUpgradeGate } from './socket-upgrade-gate.js';
import {
  companyRoom,
  userRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type NotificationMessage,
  type ServerToClientEvents,
  type SocketData,
} from './socket-events.js';

type NotificationServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type NotificationSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Sockets one user may hold on one instance: a browser's tabs, not a flood. */
export const SOCKETS_PER_USER = 20;

/**
 * Notifications pushed to the browsers of their recipients. A socket is admitted with a valid
 * access token in `handshake.auth.token` (checked again on every reconnect, before a recovered
 * socket gets what it missed), joins its user's and its company's rooms only, and is closed when
 * its token expires, its session ends (logout, a reused refresh token) or its user is deactivated
 * — on whichever instance holds it.
 */
@WebSocketGateway()
export class NotificationsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect
{
  private readonly logger = new Logger(NotificationsGateway.name);
  /** Each socket's release of its place in `held` and its expiry timer; idempotent. */
  private readonly releases = new Map<string, () => void>();
  /** Sockets per user on this instance, counted from admission (before they join a room). */
  private readonly held = new Map<string, number>();
  private recovery?: GatedRecovery;
  private readonly trust: TrustFunction;

  @WebSocketServer()
  private readonly server!: NotificationServer;

  constructor(
    private readonly authenticator: AccessTokenAuthenticator,
    private readonly limiters: RateLimiters,
    private readonly gate: SocketUpgradeGate,
    private readonly config: PlatformConfig,
  ) {
    this.trust = trustFunction(config.TRUST_PROXY);
  }

  afterInit(server: NotificationServer): void {
    this.recovery = new GatedRecovery(server.of('/'));
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: unknown) => {
          this.recovery?.drop(socket.id);
          next(connectError(error));
          // A client refused closes its connection anyway (socket.io-client does); one that
          // would try again on it must upgrade again, spending budget before anything else (a
          // client holds one socket per connection: there is one namespace). After socket.io
          // has written the connect_error, on the next tick.
          setImmediate(() => socket.conn.close());
        },
      );
    });
    server.on('session:ended', (userId, sessionId) => void this.closeSession(userId, sessionId));
  }

  private async admit(socket: NotificationSocket): Promise<void> {
    // Every handshake spends a point of the client's general budget, as an HTTP request does:
    // the first on a connection at its upgrade (SocketUpgradeGate), any other one here.
    const ip = clientIpOf(socket.request, this.trust);
    if (!this.gate.takePrepaid(socket.request)) await spend(this.limiters.api, clientKey(ip));
    const { token } = socket.handshake.auth as { token?: unknown };
    if (typeof token !== 'string' || token.length === 0)
      throw new AuthException(AuthReason.MISSING_ACCESS_TOKEN, 'Missing access token (auth.token)');
    const { caller, sessionId, expiresAt } = await this.authenticator.authenticate(token, {
      id: `socket:${socket.id}`,
      ip,
    });
    // Counted and taken with no await between: parallel handshakes cannot all pass.
    const { userId } = caller;
    const count = this.held.get(userId) ?? 0;
    if (count >= SOCKETS_PER_USER)
      throw new NotificationException(
        NotificationReason.TOO_MANY_SOCKETS,
        `At most ${SOCKETS_PER_USER} sockets per user on one instance`,
      );
    this.held.set(userId, count + 1);
    socket.data = { userId, companyId: caller.companyId, sessionId, expiresAt };
    // A recovered session of another user (a tab that switched accounts) gives this one nothing.
    this.recovery?.claim(socket, { userId, companyId: caller.companyId });
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt - Date.now()));
    timer.unref();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.releases.delete(socket.id);
      const left = (this.held.get(userId) ?? 1) - 1;
      if (left > 0) this.held.set(userId, left);
      else this.held.delete(userId);
    };
    this.releases.set(socket.id, release);
    // A connection that closes before the socket connects never gets a disconnect event.
    socket.conn.once('close', release);
    this.gate.admitted(socket.request);
  }

  handleConnection(socket: NotificationSocket): void {
    socketsConnected.inc();
    const { userId, companyId } = socket.data;
    void socket.join([userRoom(userId), companyRoom(companyId)]);
    // What a recovered socket missed, now that it is known to be its user's: as socket.io would
    // have replayed it (the packets end with their offset, which the client keeps).
    const untyped = socket as unknown as Socket;
    for (const packet of this.recovery?.take(socket.id) ?? [])
      untyped.emit(...(packet as [string, ...unknown[]]));
  }

  handleDisconnect(socket: NotificationSocket): void {
    socketsConnected.dec();
    this.releases.get(socket.id)?.();
  }

  /** Each notification to its recipient's room, wherever their sockets are. */
  created(rows: readonly NotificationRecord[]): void {
    for (const row of rows)
      this.server.to(userRoom(row.recipientId)).emit('notification:created', messageOf(row));
    const ms = sinceCommit();
    if (ms !== undefined && rows.length > 0) pushLatency.observe(ms / 1000);
  }

  updated(row: NotificationRecord): void {
    this.server.to(userRoom(row.recipientId)).emit('notification:updated', messageOf(row));
  }

  bulkUpdated(userId: string, change: { markedRead: number }): void {
    this.server.to(userRoom(userId)).emit('notifications:bulk-updated', change);
  }

  @OnDomainEvent(UserEvents.Deactivated, EventPhase.AFTER_COMMIT)
  onUserDeactivated(event: DomainEvent<typeof UserEvents.Deactivated>): void {
    for (const { id } of event.payload.records)
      this.server.in(userRoom(id)).disconnectSockets(true);
  }

  /**
   * Fire and forget, to every instance: asking them for their sockets instead would wait for the
   * slowest, and fail whole when one has just died.
   */
  @OnDomainEvent([AuthEvents.LoggedOut, AuthEvents.RefreshTokenReused], EventPhase.AFTER_COMMIT)
  onSessionEnded(
    event: DomainEvent<typeof AuthEvents.LoggedOut | typeof AuthEvents.RefreshTokenReused>,
  ): void {
    for (const { id, details } of event.payload.records) {
      if (!details.sessionId) {
        this.server.in(userRoom(id)).disconnectSockets(true);
        continue;
      }
      void this.closeSession(id, details.sessionId);
      // Only the Redis adapter (with REDIS_URL) has other instances to tell.
      if (this.config.REDIS_URL) this.server.serverSideEmit('session:ended', id, details.sessionId);
    }
  }

  /** This instance's sockets of the session. */
  private async closeSession(userId: string, sessionId: string): Promise<void> {
    try {
      const sockets = await this.server.local.in(userRoom(userId)).fetchSockets();
      for (const socket of sockets)
        if (socket.data.sessionId === sessionId) socket.disconnect(true);
    } catch (error) {
      this.logger.warn(`closing the sockets of an ended session: ${String(error)}`);
    }
  }
}

function messageOf(row: NotificationRecord): NotificationMessage {
  const { companyId: _, recipientId: __, readAt, createdAt, updatedAt, ...fields } = row;
  return {
    ...fields,
    readAt: readAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

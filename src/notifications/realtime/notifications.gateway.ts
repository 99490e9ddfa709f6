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
import { EventPhase, type DomainEvent } from '../../common/events/domain-event.js';
import { OnDomainEvent } from '../../common/events/on-domain-event.decorator.js';
import { mapError } from '../../common/errors/error-mapper.js';
import { UserEvents } from '../../users/users.events.js';
import type { NotificationRecord } from '../models/notification.record.js';
import { NotificationException, NotificationReason } from '../notification.exception.js';
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

/** A refusal as the client's connect_error shows it: message, and the code and reason in data. */
function connectError(error: unknown): Error & { data: { code: string; reason: string } } {
  const mapped = mapError(error);
  return Object.assign(new Error(mapped.message), {
    data: { code: mapped.code, reason: mapped.reason },
  });
}

/**
 * Notifications pushed to the browsers of their recipients. A socket is admitted with a valid
 * access token in `handshake.auth.token` (checked again on every reconnect, recovered or not),
 * joins its user's and its company's rooms only, and is closed when its token expires, its session
 * ends (logout, a reused refresh token) or its user is deactivated — on whichever instance holds it.
 */
@WebSocketGateway()
export class NotificationsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect
{
  private readonly expiries = new Map<string, NodeJS.Timeout>();

  @WebSocketServer()
  private readonly server!: NotificationServer;

  constructor(private readonly authenticator: AccessTokenAuthenticator) {}

  afterInit(server: NotificationServer): void {
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: unknown) => next(connectError(error)),
      );
    });
  }

  private async admit(socket: NotificationSocket): Promise<void> {
    const { token } = socket.handshake.auth as { token?: unknown };
    if (typeof token !== 'string' || token.length === 0)
      throw new AuthException(AuthReason.MISSING_ACCESS_TOKEN, 'Missing access token (auth.token)');
    const { caller, sessionId, expiresAt } = await this.authenticator.authenticate(token, {
      id: `socket:${socket.id}`,
      ip: socket.handshake.address || null,
    });
    const held = this.server.of('/').adapter.rooms.get(userRoom(caller.userId))?.size ?? 0;
    if (held >= SOCKETS_PER_USER)
      throw new NotificationException(
        NotificationReason.TOO_MANY_SOCKETS,
        `At most ${SOCKETS_PER_USER} sockets per user on one instance`,
      );
    socket.data = { userId: caller.userId, companyId: caller.companyId, sessionId, expiresAt };
  }

  handleConnection(socket: NotificationSocket): void {
    const { userId, companyId, expiresAt } = socket.data;
    void socket.join([userRoom(userId), companyRoom(companyId)]);
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt - Date.now()));
    timer.unref();
    this.expiries.set(socket.id, timer);
  }

  handleDisconnect(socket: NotificationSocket): void {
    clearTimeout(this.expiries.get(socket.id));
    this.expiries.delete(socket.id);
  }

  /** Each notification to its recipient's room, wherever their sockets are. */
  created(rows: readonly NotificationRecord[]): void {
    for (const row of rows)
      this.server.to(userRoom(row.recipientId)).emit('notification:created', messageOf(row));
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

  @OnDomainEvent([AuthEvents.LoggedOut, AuthEvents.RefreshTokenReused], EventPhase.AFTER_COMMIT)
  async onSessionEnded(
    event: DomainEvent<typeof AuthEvents.LoggedOut | typeof AuthEvents.RefreshTokenReused>,
  ): Promise<void> {
    for (const { id, details } of event.payload.records) {
      if (!details.sessionId) {
        this.server.in(userRoom(id)).disconnectSockets(true);
        continue;
      }
      // Across instances: the adapter asks the others for their sockets in the room.
      const sockets = await this.server.in(userRoom(id)).fetchSockets();
      for (const socket of sockets)
        if (socket.data.sessionId === details.sessionId) socket.disconnect(true);
    }
  }
}

function messageOf(row: NotificationRecord): NotificationMessage {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    message: row.message,
    itemCount: row.itemCount,
    isRead: row.isRead,
    readAt: row.readAt?.toISOString() ?? null,
    relatedLeadId: row.relatedLeadId,
    relatedDealId: row.relatedDealId,
    relatedTaskId: row.relatedTaskId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { PlatformConfig } from '../../config/platform.config.js';
import type { NotificationsConfig } from '../notifications.config.js';
import { withGuardedSubscriptions } from './guarded-subscriptions.js';
import { SocketUpgradeGate } from './socket-upgrade-gate.js';

/** Clients send nothing but the handshake; anything bigger is not one of ours. */
const MAX_MESSAGE_BYTES = 4096;

/** About four minutes of 500 emits a second. */
const STREAM_MAX_LEN = 120_000;

/**
 * The Socket.io server of the notification gateway:
 * - websocket transport only: long-polling would need sticky sessions across workers and
 *   instances, a websocket lives on the one process that accepted it;
 * - every request passes SocketUpgradeGate (an engine.io middleware) first: the client IP's request
 *   budget, the Origin (one of CORS_ORIGINS when a browser sends one: websockets are not subject to
 *   CORS, so the browser would not refuse a foreign page by itself), no `sid` (nothing of ours
 *   joins an open engine.io session), the cap on connections not admitted yet;
 * - a connection not admitted within SOCKET_CONNECT_TIMEOUT_MS is closed;
 * - with REDIS_URL, the Redis Streams adapter carries emits between instances and keeps the
 *   sessions that connection state recovery restores, so a client that drops for less than
 *   SOCKET_RECOVERY_SECONDS gets what it missed on any instance — after its token is checked again.
 */
export class NotificationsIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly platform: PlatformConfig,
    private readonly config: NotificationsConfig,
    private readonly redis: Redis | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.platform.CORS_ORIGINS;
    const gate = this.app.get(SocketUpgradeGate);
    const allowed: Partial<ServerOptions> = {
      ...options,
      transports: ['websocket'],
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      // From the upgrade until the socket is admitted (socket.io's default: 45 s).
      connectTimeout: this.config.SOCKET_CONNECT_TIMEOUT_MS,
      cors: { origin: origins.length > 0 ? origins : false, credentials: true },
      connectionStateRecovery: {
        maxDisconnectionDuration: this.config.SOCKET_RECOVERY_SECONDS * 1000,
        skipMiddlewares: false,
      },
      ...(this.redis
        ? {
            adapter: createAdapter(withGuardedSubscriptions(this.redis), {
              streamName: 'crm:socket.io',
              sessionKeyPrefix: 'crm:socket.io:session:',
              // Recovery replays from the stream: it must hold a few minutes of busy traffic.
              maxLen: STREAM_MAX_LEN,
              // Under the client's commandTimeout, which the adapter's reading connection inherits.
              blockTimeInMs: 1000,
            }),
          }
        : {}),
    };
    // Partial: the gateway's options are partial too; socket.io fills in its defaults.
    const server = super.createIOServer(port, allowed as ServerOptions);
    gate.attach(server.engine);
    return server;
  }
}

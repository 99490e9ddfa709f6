import type { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { EventsModule } from '../../src/common/events/events.module.js';
import { LoadersModule } from '../../src/common/graphql/loaders.module.js';
import { loadConfig } from '../../src/app.config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { PlatformConfig } from '../../src/config/platform.config.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { NotificationsConfig } from '../../src/notifications/notifications.config.js';
import { NotificationsIoAdapter } from '../../src/notifications/realtime/notifications-io.adapter.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { REDIS } from '../../src/redis/redis.token.js';
import { countRoundTrips } from '../../devkit/round-trips.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Feature modules wired as in the app, on their own migrated database, with no HTTP in front:
 * services are called directly, with a caller from factories.ts. Only the outside world
 * would be faked; here nothing is.
 */
export interface ServiceHarness {
  module: TestingModule;
  sequelize: Sequelize;
  get<T>(type: Type<T>): T;
  /** Rows of a statement on a connection of its own (outside any transaction of the subject). */
  sql<T extends object>(query: string, bind?: unknown[]): Promise<T[]>;
  /** The statements run while `work` runs, as the SQL logger saw them. */
  statements(work: () => Promise<unknown>): Promise<string[]>;
  /** The waits for PostgreSQL while `work` runs (needs `countRoundTrips`). */
  roundTrips(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startServices(
  imports: (Type | DynamicModule)[],
  extra: Pick<ModuleMetadata, 'providers'> = {},
  options: {
    countRoundTrips?: boolean;
    config?: Record<string, string>;
    /**
     * Binds the gateways to a socket.io server, as the app does, without listening: services
     * that push to sockets after writing (notifications) need one to push to.
     */
    realtime?: boolean;
  } = {},
): Promise<ServiceHarness> {
  const db: TestDatabase = await createTestDatabase();
  // The services reach the database through a counting proxy when round trips are measured.
  const url = new URL(db.url);
  const counter = options.countRoundTrips
    ? await countRoundTrips({ host: url.hostname, port: Number(url.port || 5432) })
    : null;
  if (counter) {
    url.hostname = '127.0.0.1';
    url.port = String(counter.port);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url.toString(),
    DB_SKIP_MIGRATIONS: 'true',
    DB_POOL_MAX: '5',
    REDIS_URL: '',
    // No background work unless a test runs it: it would add statements to what tests count.
    INGEST_REPROCESS_INTERVAL_MS: '0',
    SCORES_RECALCULATION_INTERVAL_HOURS: '0',
    ...options.config,
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule,
      // The shared client is null (REDIS_URL is empty): limiters and caches keep to the process.
      RedisModule,
      EventsModule,
      LoadersModule,
      ...imports,
    ],
    providers: extra.providers ?? [],
  }).compile();
  module.useLogger(false);
  const app = options.realtime ? await withSockets(module, config) : null;
  if (!app) await module.init();
  const sequelize = module.get(Sequelize);
  return {
    module,
    sequelize,
    get: (type) => module.get(type, { strict: false }),
    sql: <T extends object>(query: string, bind: unknown[] = []) =>
      sequelize.query<T>(query, { bind, type: QueryTypes.SELECT }),
    async statements(work) {
      const seen: string[] = [];
      const before = sequelize.options.logging;
      sequelize.options.logging = (sql: string) => void seen.push(sql);
      try {
        await work();
      } finally {
        sequelize.options.logging = before;
      }
      return seen;
    },
    async roundTrips(work) {
      if (!counter)
        throw new Error('startServices(…, { countRoundTrips: true }) counts round trips');
      const before = counter.count();
      await work();
      return counter.count() - before;
    },
    async close() {
      await (app ?? module).close();
      await counter?.close();
      await db.drop();
    },
  };
}

async function withSockets(
  module: TestingModule,
  config: ReturnType<typeof loadConfig>,
): Promise<NestFastifyApplication> {
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  app.useWebSocketAdapter(
    new NotificationsIoAdapter(
      app,
      config.get(PlatformConfig),
      config.get(NotificationsConfig),
      module.get<Redis | null>(REDIS),
    ),
  );
  await app.init();
  return app;
}

export interface AuditRow {
  action: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  request_id: string | null;
  changes: Record<string, unknown>;
}

/** The audit trail of one record, oldest first: what its service published in its transactions. */
export function auditOf(sut: ServiceHarness, entityId: string): Promise<AuditRow[]> {
  return sut.sql<AuditRow>(
    `SELECT action, actor_kind, actor_user_id, actor_api_key_id, request_id, changes
       FROM audit_logs WHERE entity_id = $1 ORDER BY created_at, id`,
    [entityId],
  );
}

import type { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { EventsModule } from '../../src/common/events/events.module.js';
import { LoadersModule } from '../../src/common/graphql/loaders.module.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/load-config.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Feature modules wired as in the app, on their own migrated database, with no HTTP in front:
 * services are called directly, with a caller from service-factories.ts. Only the outside world
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
  close(): Promise<void>;
}

export async function startServices(
  imports: (Type | DynamicModule)[],
  extra: Pick<ModuleMetadata, 'providers'> = {},
): Promise<ServiceHarness> {
  const db: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DB_SKIP_MIGRATIONS: 'true',
    DB_POOL_MAX: '5',
    REDIS_URL: '',
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule,
      EventsModule,
      LoadersModule,
      ...imports,
    ],
    providers: extra.providers ?? [],
  }).compile();
  module.useLogger(false);
  await module.init();
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
    async close() {
      await module.close();
      await db.drop();
    },
  };
}

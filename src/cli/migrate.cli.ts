import { Logger } from '@nestjs/common';
import { loadConfig } from '../app.config.js';
import { DatabaseConfig } from '../database/database.config.js';
import { DatabaseConnection } from '../database/database-connection.js';
import { migrateDown, migrateUp } from '../database/migrator.js';

const logger = new Logger('Migrations');

/** `pnpm run migrate` / `pnpm run migrate:down [--all]` against DATABASE_URL or the embedded database. */
async function main(): Promise<void> {
  const direction = process.argv[2];
  if (direction !== 'up' && direction !== 'down')
    throw new Error('usage: migrate.cli.js up|down [--all]');
  const config = loadConfig({ ...process.env, DB_SKIP_MIGRATIONS: 'true' });
  const db = await DatabaseConnection.open(config.get(DatabaseConfig));
  try {
    const names =
      direction === 'up'
        ? await migrateUp(db.sequelize, db.url, logger)
        : await migrateDown(
            db.sequelize,
            db.url,
            { to: process.argv.includes('--all') ? 0 : undefined },
            logger,
          );
    logger.log(names.length ? `${direction}: ${names.join(', ')}` : `${direction}: nothing to do`);
  } finally {
    await db.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

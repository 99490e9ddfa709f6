// Plain ESM: Jest loads global setup outside its module mapper, so this uses the compiled server
// (built first, which the process-level tests need anyway).
import { execFileSync } from 'node:child_process';
import pg from 'pg';

// One per run, so that two runs against the same server cannot trip over each other.
const TEMPLATE_DB = `crm_test_template_${process.pid}`;
const EMBEDDED_DIR = '.data/test-postgres';
const EMBEDDED_PORT = 54339;

/**
 * Once per run: compile, find PostgreSQL (TEST_DATABASE_URL, else an embedded one) and build the
 * migrated template database that every test file clones.
 */
export default async function globalSetup() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  const { loadConfig } = await import('../../dist/src/app.config.js');
  const { DatabaseConfig } = await import('../../dist/src/database/database.config.js');
  const { createSequelize } = await import('../../dist/src/database/database-connection.js');
  const { quoteIdent, withDatabase } = await import('../../dist/src/database/database-url.js');
  const { startEmbeddedPostgres } = await import('../../dist/src/database/embedded-postgres.js');
  const { migrateUp } = await import('../../dist/src/database/migrator.js');

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log(
      `\nTEST_DATABASE_URL not set: starting embedded PostgreSQL on port ${EMBEDDED_PORT}`,
    );
    globalThis.__embeddedTestPg = await startEmbeddedPostgres({
      dataDir: EMBEDDED_DIR,
      port: EMBEDDED_PORT,
    });
    adminUrl = globalThis.__embeddedTestPg.url;
  }
  if (!process.env.REDIS_URL)
    console.log('\nREDIS_URL not set: the Redis-specific tests are SKIPPED in this run');

  const admin = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await admin.connect().catch((error) => {
    throw new Error(`Cannot reach the test PostgreSQL at ${adminUrl}: ${error.message}`);
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DB)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DB)}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const sequelize = createSequelize(
    templateUrl,
    loadConfig({ DATABASE_URL: templateUrl }).get(DatabaseConfig),
  );
  try {
    await migrateUp(sequelize, templateUrl);
  } finally {
    await sequelize.close();
  }
  process.env.CRM_TEST_ADMIN_URL = adminUrl;
  process.env.CRM_TEST_TEMPLATE_DB = TEMPLATE_DB;
}

import pg from 'pg';

/** Drops this run's template database and stops the embedded PostgreSQL, if global-setup started one. */
export default async function globalTeardown() {
  const adminUrl = process.env.CRM_TEST_ADMIN_URL;
  const template = process.env.CRM_TEST_TEMPLATE_DB;
  if (adminUrl && template) {
    const url = new URL(adminUrl);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client
      .query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
      .finally(() => client.end());
  }
  await globalThis.__embeddedTestPg?.stop();
}

/** Stops the embedded PostgreSQL that global-setup started, if any. */
export default async function globalTeardown() {
  await globalThis.__embeddedTestPg?.stop();
}

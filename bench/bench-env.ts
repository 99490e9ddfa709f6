import { loadConfig } from '../src/app.config.js';
import { DatabaseConfig } from '../src/database/database.config.js';
import { DatabaseConnection } from '../src/database/database-connection.js';

export const BENCH = {
  companyName: 'Bench Company',
  email: 'bench.admin@example.com',
  password: 'bench-password-123',
  reps: 20,
} as const;

/** The database to benchmark: DATABASE_URL, or the embedded one the server would use; migrated. */
export function openBenchDatabase(): Promise<DatabaseConnection> {
  // Generating millions of rows takes statements far longer than a request's timeout.
  return DatabaseConnection.open(
    loadConfig({ LOG_LEVEL: 'warn', ...process.env, DB_STATEMENT_TIMEOUT_MS: '0' }).get(
      DatabaseConfig,
    ),
  );
}

export function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

/** The SQLSTATE of a driver error, or of the driver error inside a Sequelize one. */
export function sqlState(error: unknown): string | undefined {
  const carrier = error as { code?: unknown; original?: { code?: unknown } } | null;
  const code = carrier?.original?.code ?? carrier?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The unique index or constraint a write ran into, or null when the error is something else. The
 * one place a driver error is read as a unique violation: the service that knows what the index
 * means turns it into its domain error (repositories let it pass).
 */
export function uniqueViolationOf(error: unknown): string | null {
  if (sqlState(error) !== UNIQUE_VIOLATION) return null;
  const carrier = error as { constraint?: unknown; original?: { constraint?: unknown } };
  const name = carrier.original?.constraint ?? carrier.constraint;
  return typeof name === 'string' ? name : null;
}

const FOREIGN_KEY_VIOLATION = '23503';

/** Whether a write pointed at a row that is not there (or, by a composite key, another company's). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === FOREIGN_KEY_VIOLATION;
}

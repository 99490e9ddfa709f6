/**
 * class-transformer functions for values that arrive as strings (environment variables, query
 * parameters). Anything that is not a string passes through untouched, so the same decorators are
 * harmless on GraphQL inputs, which arrive typed.
 */
type TransformArgs = { value: unknown };

export const toBoolean = ({ value }: TransformArgs): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

export const toInt = ({ value }: TransformArgs): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

export const toNumber = ({ value }: TransformArgs): unknown =>
  typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
    ? Number(value)
    : value;

/**
 * TRUST_PROXY: `false` (or empty, or 0) trusts no proxy; a whole number is how many proxy hops
 * stand in front; anything else is a comma-separated list of proxy addresses and CIDRs. `true`
 * is kept as it is, for the validator to refuse.
 */
export const toTrustProxy = ({ value }: TransformArgs): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') return v;
  return toList({ value: v });
};

/** "a, b,c" → ['a', 'b', 'c']. */
export const toList = ({ value }: TransformArgs): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

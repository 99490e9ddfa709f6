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

/** "a, b,c" → ['a', 'b', 'c']. */
export const toList = ({ value }: TransformArgs): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

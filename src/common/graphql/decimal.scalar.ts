import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** A plain decimal: an optional minus, digits without leading zeros, an optional fraction. */
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const MAX_LENGTH = 40;

function parse(value: unknown): string {
  // Integers are exact as JSON numbers; any other number may already have lost digits.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !DECIMAL.test(value))
    throw new GraphQLError(
      'Decimal must be a string of digits with an optional fraction, such as "1250.50"',
    );
  return value;
}

/**
 * Money and other exact amounts: written as a string (`"1250.50"`), never a float, both ways. The
 * value's own bounds (digits, scale) are its input's to check; the database keeps it as numeric.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1250.50". Never a float.',
  serialize: (value) => parse(value),
  parseValue: parse,
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT)
      return parse(ast.kind === Kind.INT ? safeInt(ast.value) : ast.value);
    throw new GraphQLError('Decimal must be a string such as "1250.50"');
  },
});

function safeInt(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

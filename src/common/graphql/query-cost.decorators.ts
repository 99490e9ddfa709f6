import { Extensions } from '@nestjs/graphql';

/** The field extension the query cost reads (common/graphql/query-cost.ts). */
export const LIST_SIZE = 'listSize';

/**
 * How many items a list field without `first` can return, for the query cost: a fixed number
 * (`lead.interactions`: 50; a connection's `edges`: 1, as the connection's `first` already counts
 * them), or the length of one of its list arguments (`createLeads(inputs)`).
 */
export type ListSize = number | { readonly lengthOf: string };

export const ListSize = (size: ListSize): MethodDecorator & PropertyDecorator =>
  Extensions({ [LIST_SIZE]: size });

/** The field extension giving a text's (or JSON value's) longest size, in characters. */
export const MAX_CHARS = 'maxChars';

/**
 * Characters one unit of cost stands for: a text of up to 10 000 characters weighs 5, as much as
 * a few small objects, so that 50 leads with their interactions' notes stay a page the limit
 * allows (as clients have asked for it), while the same shape over 490 leads does not.
 */
export const CHARS_PER_COST_UNIT = 2000;

/**
 * The longest a String or JSON field can be, which every one declares (a schema test holds
 * them to it): it weighs the field in the query cost, and texts of LONG_TEXT_CHARS and more are
 * counted against the answer's size as they resolve (common/graphql/answer-size.ts).
 */
export const MaxChars = (chars: number): MethodDecorator & PropertyDecorator =>
  Extensions({ [MAX_CHARS]: chars });

/** What one value of a field weighs in the query cost: one, or more for a long text. */
export function weightOf(extensions: Readonly<Record<string, unknown>>): number {
  const chars = extensions[MAX_CHARS];
  return typeof chars === 'number' ? Math.max(1, Math.ceil(chars / CHARS_PER_COST_UNIT)) : 1;
}

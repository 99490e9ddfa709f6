import { Extensions } from '@nestjs/graphql';

/** The field extension the query cost reads (src/graphql/query-cost.ts). */
export const LIST_SIZE = 'listSize';

/**
 * How many items a list field without `first` can return, for the query cost: a fixed number
 * (`lead.interactions`: 50; a connection's `edges`: 1, as the connection's `first` already counts
 * them), or the length of one of its list arguments (`createLeads(inputs)`).
 */
export type ListSize = number | { readonly lengthOf: string };

export const ListSize = (size: ListSize): MethodDecorator & PropertyDecorator =>
  Extensions({ [LIST_SIZE]: size });

/** The field extension of a field heavier than one object (see Weight). */
export const WEIGHT = 'weight';

/**
 * What one value of a field costs, for fields that can be much larger than the one unit a field
 * costs by default: a text of up to 10 000 characters weighs as much as a few small objects.
 */
export const Weight = (units: number): MethodDecorator & PropertyDecorator =>
  Extensions({ [WEIGHT]: units });

import { graphqlEnum, type EnumValue } from './graphql-enum.js';

export const SortDirection = graphqlEnum(
  'SortDirection',
  'ASC: smallest, earliest or A first; DESC: the reverse.',
  ['ASC', 'DESC'],
);
export type SortDirection = EnumValue<typeof SortDirection>;

import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

/** GraphQL name `InteractionType`, as existing clients know it. */
export const InteractionKind = graphqlEnum('InteractionType', 'The kind of contact with a lead.', [
  'CALL',
  'EMAIL',
  'MEETING',
]);
export type InteractionKind = EnumValue<typeof InteractionKind>;

import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

/** Declared in scoring/ with DealStage (deal-stage.enum.ts says why). */
export const DealPriority = graphqlEnum(
  'DealPriority',
  'How urgent a deal is, LOW to URGENT; part of its lead score.',
  ['LOW', 'MEDIUM', 'HIGH', 'URGENT'],
);
export type DealPriority = EnumValue<typeof DealPriority>;

import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

/**
 * The deals pipeline's stages (and deal-priority.enum.ts its priorities): declared in scoring/
 * because a deal's lead score is defined over them, and deals imports scoring, never the other way.
 */
export const DealStage = graphqlEnum(
  'DealStage',
  'Where a deal stands in the pipeline, in order; CLOSED_WON and CLOSED_LOST close it.',
  {
    LEAD: 'Open: the first stage (the default).',
    QUALIFIED: 'Open: the prospect is a fit.',
    NEGOTIATION: 'Open: terms are being agreed.',
    CLOSED_WON: 'Closed: won (lead score 100).',
    CLOSED_LOST: 'Closed: lost (lead score 0).',
  },
);
export type DealStage = EnumValue<typeof DealStage>;

import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const LeadRouting = graphqlEnum(
  'LeadRouting',
  'Whom leads sent to POST /api/lead are assigned to.',
  {
    NOBODY: 'Nobody: a manager assigns them (the default).',
    API_KEY_DEFAULT:
      'The default assignee of the API key that sent it (setApiKeyDefaultAssignee), else nobody.',
    ROUND_ROBIN: 'The company’s active sales reps in turn, oldest account first.',
  },
);
export type LeadRouting = EnumValue<typeof LeadRouting>;

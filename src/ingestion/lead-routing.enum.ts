import { registerEnumType } from '@nestjs/graphql';

/** Whom a company's ingested leads are given to. */
export enum LeadRouting {
  /** Nobody: a manager assigns them (the default). */
  NOBODY = 'NOBODY',
  /** The default assignee of the API key that sent it (setApiKeyDefaultAssignee), else nobody. */
  API_KEY_DEFAULT = 'API_KEY_DEFAULT',
  /** The company's active sales reps in turn, oldest account first. */
  ROUND_ROBIN = 'ROUND_ROBIN',
}

registerEnumType(LeadRouting, {
  name: 'LeadRouting',
  description: 'Whom leads sent to POST /api/lead are assigned to.',
  valuesMap: {
    NOBODY: { description: 'Nobody: a manager assigns them (the default).' },
    API_KEY_DEFAULT: {
      description:
        'The default assignee of the API key that sent it (setApiKeyDefaultAssignee), else nobody.',
    },
    ROUND_ROBIN: { description: 'The company’s active sales reps in turn, oldest account first.' },
  },
});

import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const TaskStatus = graphqlEnum(
  'TaskStatus',
  'OPEN until it is completed; DONE once it is.',
  ['OPEN', 'DONE'],
);
export type TaskStatus = EnumValue<typeof TaskStatus>;

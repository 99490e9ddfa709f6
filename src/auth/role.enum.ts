import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const Role = graphqlEnum('Role', 'What a user may do; see the permission table.', {
  ADMIN: 'Everything, including users, API keys and company settings.',
  MANAGER: 'Reads and changes every record of the company, removed ones too.',
  SALES_REP: 'Reads the company’s records; changes only those assigned to them.',
});
export type Role = EnumValue<typeof Role>;

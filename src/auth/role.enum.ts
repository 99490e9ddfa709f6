import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  SALES_REP = 'SALES_REP',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do; see the permission table.',
  valuesMap: {
    ADMIN: { description: 'Everything, including users, API keys and company settings.' },
    MANAGER: { description: 'Reads and changes every record of the company, removed ones too.' },
    SALES_REP: { description: 'Reads the company’s records; changes only those assigned to them.' },
  },
});

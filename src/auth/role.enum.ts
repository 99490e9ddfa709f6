import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  SALES_REP = 'SALES_REP',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do; see the permission table.',
});

import { registerEnumType } from '@nestjs/graphql';

/** GraphQL name `InteractionType`, as existing clients know it. */
export enum InteractionKind {
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
}

registerEnumType(InteractionKind, {
  name: 'InteractionType',
  description: 'The kind of contact with a lead.',
});

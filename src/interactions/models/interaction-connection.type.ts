import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.type.js';
import type { InteractionFilter } from '../dto/interaction-filter.input.js';
import { InteractionType } from './interaction.type.js';

@ObjectType()
export class InteractionConnection extends Connection(InteractionType, 'Interaction') {
  /** Not a field: what `totalCount` counts, computed only when a client asks for it. */
  filter?: InteractionFilter;
}

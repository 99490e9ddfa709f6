import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.type.js';
import type { LeadFilter } from '../dto/lead-filter.input.js';
import { LeadType } from './lead.type.js';

@ObjectType()
export class LeadConnection extends Connection(LeadType, 'Lead') {
  /** Not a field: what `totalCount` counts, computed only when a client asks for it. */
  filter?: LeadFilter;
}

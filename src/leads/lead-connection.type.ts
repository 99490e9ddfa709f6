import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { LeadType } from './lead.type.js';

@ObjectType()
export class LeadConnection extends Connection(LeadType, 'Lead') {}

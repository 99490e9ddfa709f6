import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { LeadType } from './lead.type.js';

@ObjectType({ description: connectionDescription('Lead') })
export class LeadConnection extends Connection(LeadType, 'Lead') {}

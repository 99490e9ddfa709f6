import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { RawLeadType } from './raw-lead.type.js';

@ObjectType({ description: connectionDescription('RawLead') })
export class RawLeadConnection extends Connection(RawLeadType, 'RawLead') {}

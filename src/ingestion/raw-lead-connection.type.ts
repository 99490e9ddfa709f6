import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { RawLeadType } from './raw-lead.type.js';

@ObjectType()
export class RawLeadConnection extends Connection(RawLeadType, 'RawLead') {}

import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { DealType } from './deal.type.js';

@ObjectType({ description: connectionDescription('Deal') })
export class DealConnection extends Connection(DealType, 'Deal') {}

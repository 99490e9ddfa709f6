import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { DealType } from './deal.type.js';

@ObjectType()
export class DealConnection extends Connection(DealType, 'Deal') {}

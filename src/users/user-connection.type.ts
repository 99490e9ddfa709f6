import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { UserType } from './user.type.js';

@ObjectType({ description: connectionDescription('User') })
export class UserConnection extends Connection(UserType, 'User') {}

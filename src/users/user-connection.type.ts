import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { UserType } from './user.type.js';

@ObjectType()
export class UserConnection extends Connection(UserType, 'User') {}

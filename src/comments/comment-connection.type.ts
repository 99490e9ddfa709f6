import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { CommentType } from './comment.type.js';

@ObjectType({ description: connectionDescription('Comment') })
export class CommentConnection extends Connection(CommentType, 'Comment') {}

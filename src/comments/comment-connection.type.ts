import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { CommentType } from './comment.type.js';

@ObjectType()
export class CommentConnection extends Connection(CommentType, 'Comment') {}

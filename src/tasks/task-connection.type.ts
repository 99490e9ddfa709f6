import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { TaskType } from './task.type.js';

@ObjectType()
export class TaskConnection extends Connection(TaskType, 'Task') {}

import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { TaskType } from './task.type.js';

@ObjectType({ description: connectionDescription('Task') })
export class TaskConnection extends Connection(TaskType, 'Task') {}

import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { NotificationModel } from './notification.type.js';

@ObjectType({ description: connectionDescription('Notification') })
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {}

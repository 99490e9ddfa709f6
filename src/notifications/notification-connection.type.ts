import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { NotificationModel } from './notification.type.js';

@ObjectType()
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {}

import { SignedIn } from '../access/field-access.js';
import { Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import { NotificationsArgs } from './dto/notifications.args.js';
import { NotificationConnection } from './notification-connection.type.js';
import { NotificationModel } from './notification.type.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notifications; one of anyone else reads as missing. */
@Resolver(() => NotificationModel)
export class NotificationsResolver extends RecordConnection({
  service: NotificationsService,
  node: NotificationModel,
  connection: NotificationConnection,
  args: NotificationsArgs,
  filter: (args) => args.unreadOnly ?? false,
  toNode: (row) => NotificationModel.from(row),
  caller: CurrentAuth,
  name: 'getNotifications',
  description: 'Yours, newest first.',
  decorators: [SignedIn()],
}) {
  @SignedIn()
  @Query(() => Int, { description: 'How many of yours are unread.' })
  getUnreadCount(@CurrentAuth() auth: AuthContext): Promise<number> {
    return this.service.count(auth, true);
  }

  @SignedIn()
  @Mutation(() => NotificationModel, {
    description: 'Your other sockets hear of it (notification:updated).',
  })
  async markAsRead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'One of your notifications.')
    id: string,
  ): Promise<NotificationModel> {
    return NotificationModel.from(await this.service.markAsRead(auth, id));
  }

  @SignedIn()
  @Mutation(() => Int, {
    description: 'How many were unread; your sockets hear of it (notifications:bulk-updated).',
  })
  markAllAsRead(@CurrentAuth() auth: AuthContext): Promise<number> {
    return this.service.markAllAsRead(auth);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Delete one of your notifications.' })
  deleteNotification(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'One of your notifications.')
    id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }
}

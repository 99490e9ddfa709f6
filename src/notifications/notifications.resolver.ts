import { SignedIn } from '../access/field-access.js';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { toConnection } from '../common/pagination/page.js';
import { NotificationsArgs } from './dto/notifications.args.js';
import { NotificationConnection } from './notification-connection.type.js';
import { NotificationModel } from './notification.type.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notifications; one of anyone else reads as missing. */
@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(private readonly notificationsService: NotificationsService) {}

  @SignedIn()
  @Query(() => NotificationConnection, { description: 'Yours, newest first.' })
  async getNotifications(
    @CurrentAuth() auth: AuthContext,
    @Args() args: NotificationsArgs,
  ): Promise<NotificationConnection> {
    const page = await this.notificationsService.page(auth, args);
    return toConnection(
      page,
      (row) => NotificationModel.from(row),
      () => this.notificationsService.count(auth, args.unreadOnly ?? false),
    );
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of yours are unread.' })
  getUnreadCount(@CurrentAuth() auth: AuthContext): Promise<number> {
    return this.notificationsService.count(auth, true);
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
    return NotificationModel.from(await this.notificationsService.markAsRead(auth, id));
  }

  @SignedIn()
  @Mutation(() => Int, {
    description: 'How many were unread; your sockets hear of it (notifications:bulk-updated).',
  })
  markAllAsRead(@CurrentAuth() auth: AuthContext): Promise<number> {
    return this.notificationsService.markAllAsRead(auth);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Delete one of your notifications.' })
  deleteNotification(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'One of your notifications.')
    id: string,
  ): Promise<boolean> {
    return this.notificationsService.remove(auth, id);
  }
}

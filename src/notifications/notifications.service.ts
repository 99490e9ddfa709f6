import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { requireUser, type AuthContext } from '../auth/auth-context.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { commitQueueOf } from '../common/events/after-commit.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import type { NotificationsArgs } from './dto/notifications.args.js';
import type { NotificationRecord } from './notification.record.js';
import type { NotificationItem } from './notification-batch.js';
import { NOTIFICATION_RULES } from './notification-rules.js';
import type { NotificationType } from './notification-type.enum.js';
import {
  NOTIFICATION_ORDER,
  NotificationsRepository,
  type NotificationFilter,
} from './notifications.repository.js';
import { NotificationsGateway } from './realtime/notifications.gateway.js';

/** Where a batch of notifications comes from: a company, and the user who acted (never told). */
export interface NotifySource {
  companyId: string;
  actorUserId: string | null;
}

/**
 * Writes notifications with the change that causes them and pushes them once it has committed;
 * reads and marks the caller's own (a person's: API keys and the system have none).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly gateway: NotificationsGateway,
  ) {}

  /**
   * One statement for all the items' recipients, written as NOTIFICATION_RULES says. In a
   * transaction it is pipelined behind the change, and the push waits for the commit.
   */
  notify(
    source: NotifySource,
    type: NotificationType,
    items: readonly NotificationItem[],
    transaction?: Transaction,
  ): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const { audience, single, grouped } = NOTIFICATION_RULES[type];
    const rows = this.notifications.deliver(
      { ...source, type, audience, single, grouped, items },
      transaction,
    );
    if (!transaction) return rows.then((created) => this.gateway.created(created));
    commitQueueOf(transaction).push(async () => this.gateway.created(await rows));
    return Promise.resolve();
  }

  /** The caller's own notifications (a person's: anyone else is refused), a page, its count. */
  private readonly list = new Listing(this.notifications.list, {
    readable: (auth: AuthContext, filter?: NotificationFilter | null) => ({
      recipientId: requireUser(auth).userId,
      unreadOnly: filter?.unreadOnly ?? false,
    }),
    defaultOrder: () => NOTIFICATION_ORDER,
  });

  page(auth: AuthContext, args: NotificationsArgs): Promise<Page<NotificationRecord>> {
    const { first, after, unreadOnly } = args;
    return this.list.page(auth, { first, after, filter: { unreadOnly } });
  }

  count(auth: AuthContext, unreadOnly: boolean): Promise<number> {
    return this.list.count(auth, { unreadOnly });
  }

  /** Read now; one of another user reads as missing. */
  async markAsRead(auth: AuthContext, id: string): Promise<NotificationRecord> {
    const user = requireUser(auth);
    const marked = await this.notifications.markRead(user.companyId, user.userId, id);
    if (!marked) throw new NotFoundException('Notification', id);
    if (marked.changed) this.gateway.updated(marked.row);
    return marked.row;
  }

  /** How many were unread; the user's other tabs hear of it. */
  async markAllAsRead(auth: AuthContext): Promise<number> {
    const user = requireUser(auth);
    const markedRead = await this.notifications.markAllRead(user.companyId, user.userId);
    if (markedRead > 0) this.gateway.bulkUpdated(user.userId, { markedRead });
    return markedRead;
  }

  async remove(auth: AuthContext, id: string): Promise<boolean> {
    const user = requireUser(auth);
    if (!(await this.notifications.remove(user.companyId, user.userId, id)))
      throw new NotFoundException('Notification', id);
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/collections/group-by.js';
import { every, PeriodicJob, type JobSchedule } from '../common/scheduling/periodic-job.js';
import { NotificationsConfig } from './notifications.config.js';
import { Transactions } from '../database/transactions.js';
import { NotificationBacklogRepository } from './notification-backlog.repository.js';
import { NotificationType } from './notification-type.enum.js';
import { NotificationsService } from './notifications.service.js';

/** Entries one transaction takes at most; a bigger backlog drains over several in one pass. */
const TAKE_PER_BATCH = 5000;

/**
 * Ingested leads arrive one request at a time; announcing each would bury a manager under a burst
 * of them. Every NOTIFICATION_GROUP_WINDOW_MS each instance takes what the backlog holds and
 * writes, per company, one lead_created per ADMIN and MANAGER ("40 new leads") and one
 * lead_assigned per assignee — in the transaction that empties the backlog, so a crash between
 * the two loses nothing and announces nothing twice.
 */
@Injectable()
export class NotificationBacklogJob extends PeriodicJob {
  readonly label = 'notification backlog';

  constructor(
    private readonly backlog: NotificationBacklogRepository,
    private readonly notifications: NotificationsService,
    private readonly transactions: Transactions,
    private readonly config: NotificationsConfig,
  ) {
    super();
  }

  schedule(): JobSchedule | null {
    return every(this.config.NOTIFICATION_GROUP_WINDOW_MS);
  }

  /** How many ingested leads were announced. */
  run(): Promise<number> {
    return this.drain(TAKE_PER_BATCH, (batch) =>
      this.transactions.run(async (transaction) => {
        const entries = await this.backlog.take(batch, transaction);
        for (const [companyId, group] of groupBy(entries, (entry) => entry.companyId)) {
          const source = { companyId, actorUserId: null };
          const items = group.map(({ leadId }) => ({ leadId, recipients: [] }));
          for (const type of [NotificationType.LEAD_CREATED, NotificationType.LEAD_ASSIGNED])
            await this.notifications.notify(source, type, items, transaction);
        }
        return entries.length;
      }),
    );
  }
}

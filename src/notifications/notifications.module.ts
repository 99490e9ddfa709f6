import { NotificationsMetrics } from './notifications.metrics.js';
import { Module } from '@nestjs/common';
import { JobsModule } from '../common/scheduling/jobs.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { NotificationBacklogJob } from './notification-backlog.job.js';
import { NotificationBacklogRepository } from './notification-backlog.repository.js';
import { NotificationsListener } from './notifications.listener.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationsGateway } from './realtime/notifications.gateway.js';
import { SocketUpgradeGate } from './realtime/socket-upgrade-gate.js';

/** Per-user notifications, written with the changes that cause them and pushed over Socket.io. */
@Module({
  imports: [JobsModule, AuthModule, RateLimitModule],
  providers: [
    NotificationsMetrics,
    NotificationsRepository,
    NotificationBacklogRepository,
    NotificationsService,
    NotificationsListener,
    NotificationBacklogJob,
    NotificationsResolver,
    NotificationsGateway,
    SocketUpgradeGate,
  ],
})
export class NotificationsModule {}

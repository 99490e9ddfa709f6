import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { gauge, latency, sampledGauge } from '../common/metrics/metrics.js';
import { NotificationBacklogRepository } from './notification-backlog.repository.js';

export const socketsConnected = gauge(
  'sockets_connected',
  'Notification sockets connected to this instance (summed over workers).',
);
export const pushLatency = latency(
  'push_latency_seconds',
  'From the commit of a change to the emit of its notifications to the recipients’ rooms.',
);
const backlog = sampledGauge(
  'notification_backlog_size',
  'Ingested leads waiting to be announced (drained every NOTIFICATION_GROUP_WINDOW_MS).',
  { aggregator: 'max' },
);

/** The backlog's size, read at each scrape while the app runs. */
@Injectable()
export class NotificationsMetrics implements OnModuleInit, OnApplicationShutdown {
  private unwatch?: () => void;

  constructor(private readonly backlogRows: NotificationBacklogRepository) {}

  onModuleInit(): void {
    this.unwatch = backlog.watch(async () => [[{}, await this.backlogRows.size()]]);
  }

  onApplicationShutdown(): void {
    this.unwatch?.();
  }
}

import { Injectable } from '@nestjs/common';
import { ActorKind } from '../common/events/actor.js';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import type { DomainEventName } from '../common/events/domain-event-map.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { CommentEvents } from '../comments/comments.events.js';
import { DealEvents } from '../deals/deals.events.js';
import { LeadEvents } from '../leads/leads.events.js';
import { ScoringEvents } from '../scoring/scoring.events.js';
import { TaskEvents } from '../tasks/tasks.events.js';
import { NotificationBacklogRepository } from './notification-backlog.repository.js';
import type { NotificationItem } from './notification-batch.js';
import { NotificationType } from './notification-type.enum.js';
import { NotificationsService, type NotifySource } from './notifications.service.js';

/** How much of a comment its notification quotes. */
const COMMENT_EXCERPT = 140;

function sourceOf(event: DomainEvent): NotifySource {
  const { companyId, userId } = event.actor;
  if (!companyId) throw new Error(`${event.name} without a company cannot notify anyone`);
  return { companyId, actorUserId: userId };
}

const move = (change?: { from: unknown; to: unknown }): string =>
  change ? `${String(change.from)} → ${String(change.to)}` : '';

const excerpt = (text: string | null | undefined): string =>
  !text || text.length <= COMMENT_EXCERPT ? (text ?? '') : `${text.slice(0, COMMENT_EXCERPT - 1)}…`;

/**
 * The events that notify someone, each turned into its notification's items in the change's
 * transaction: a committed change never loses its notification, a rolled-back one writes none.
 * Who receives them is NOTIFICATION_RULES'.
 */
@Injectable()
export class NotificationsListener {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly backlog: NotificationBacklogRepository,
  ) {}

  @OnDomainEvent(LeadEvents.Created, EventPhase.IN_TRANSACTION)
  async onLeadsCreated(event: DomainEvent<typeof LeadEvents.Created>): Promise<void> {
    const source = sourceOf(event);
    const { records } = event.payload;
    // Ingested leads come one request at a time (an API key's, or the reprocessor's for the
    // journal): grouped later, over a short window. People's creates are told at once.
    if (event.actor.kind !== ActorKind.USER && event.transaction) {
      this.backlog.add(
        source.companyId,
        records.map((r) => r.id),
        event.transaction,
      );
      return;
    }
    await this.notify(
      event,
      NotificationType.LEAD_CREATED,
      records.map((r) => ({ leadId: r.id, recipients: [] })),
    );
    await this.notify(
      event,
      NotificationType.LEAD_ASSIGNED,
      records.filter((r) => r.assignedToId).map((r) => ({ leadId: r.id, recipients: [] })),
    );
  }

  @OnDomainEvent(LeadEvents.Assigned, EventPhase.IN_TRANSACTION)
  async onLeadsAssigned(event: DomainEvent<typeof LeadEvents.Assigned>): Promise<void> {
    await this.notify(
      event,
      NotificationType.LEAD_ASSIGNED,
      event.payload.records
        .filter((r) => r.assignedToId)
        .map((r) => ({ leadId: r.id, recipients: [] })),
    );
  }

  @OnDomainEvent(ScoringEvents.LeadScoreChanged, EventPhase.IN_TRANSACTION)
  async onScoresChanged(event: DomainEvent<typeof ScoringEvents.LeadScoreChanged>): Promise<void> {
    await this.notify(
      event,
      NotificationType.SCORE_UPDATED,
      event.payload.records.map((r) => ({
        leadId: r.id,
        detail: move(r.changes.activityScore),
        recipients: [],
      })),
    );
  }

  @OnDomainEvent(TaskEvents.Completed, EventPhase.IN_TRANSACTION)
  async onTasksCompleted(event: DomainEvent<typeof TaskEvents.Completed>): Promise<void> {
    await this.notify(
      event,
      NotificationType.TASK_COMPLETED,
      event.payload.records.map((r) => ({
        taskId: r.id,
        leadId: r.leadId,
        dealId: r.dealId,
        recipients: [r.createdById, r.assignedToId],
      })),
    );
  }

  @OnDomainEvent(TaskEvents.Due, EventPhase.IN_TRANSACTION)
  async onTasksDue(event: DomainEvent<typeof TaskEvents.Due>): Promise<void> {
    await this.notify(
      event,
      NotificationType.TASK_DUE,
      event.payload.records.map((r) => ({
        taskId: r.id,
        leadId: r.leadId,
        dealId: r.dealId,
        recipients: [r.assignedToId],
      })),
    );
  }

  @OnDomainEvent(CommentEvents.Added, EventPhase.IN_TRANSACTION)
  async onCommentsAdded(event: DomainEvent<typeof CommentEvents.Added>): Promise<void> {
    await this.notify(
      event,
      NotificationType.COMMENT_ADDED,
      event.payload.records.map((r) => ({
        leadId: r.leadId,
        dealId: r.dealId,
        detail: excerpt(r.changes.body?.to),
        recipients: [],
      })),
    );
  }

  @OnDomainEvent(DealEvents.StageChanged, EventPhase.IN_TRANSACTION)
  async onDealStagesChanged(event: DomainEvent<typeof DealEvents.StageChanged>): Promise<void> {
    await this.notify(
      event,
      NotificationType.DEAL_STAGE_CHANGED,
      event.payload.records.map((r) => ({
        dealId: r.id,
        detail: move(r.changes.stage),
        recipients: [r.assignedToId, r.createdById],
      })),
    );
  }

  @OnDomainEvent(DealEvents.Assigned, EventPhase.IN_TRANSACTION)
  async onDealsAssigned(event: DomainEvent<typeof DealEvents.Assigned>): Promise<void> {
    await this.notify(
      event,
      NotificationType.DEAL_ASSIGNED,
      event.payload.records.map((r) => ({ dealId: r.id, recipients: [] })),
    );
  }

  private notify(
    event: DomainEvent<DomainEventName>,
    type: NotificationType,
    items: NotificationItem[],
  ): Promise<void> {
    return this.notifications.notify(sourceOf(event), type, items, event.transaction);
  }
}

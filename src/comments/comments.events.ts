import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';

export const CommentEvents = {
  /** A `comment_added` notification for the record's assignee and its earlier commenters. */
  Added: 'comment.added',
  Removed: 'comment.removed',
} as const;

export interface CommentFields {
  body: string;
}

export interface CommentChange extends RecordChange {
  readonly id: string;
  /** The record it is on: one of the two. */
  readonly leadId: string | null;
  readonly dealId: string | null;
  readonly authorId: string | null;
  readonly changes: FieldChanges<CommentFields>;
}

export type CommentsChanged = EventPayload<CommentChange> & { readonly entity: 'Comment' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'comment.added': CommentsChanged;
    'comment.removed': CommentsChanged;
  }
}

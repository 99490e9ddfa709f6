import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NotificationType } from './notification-type.enum.js';
import type { NotificationRecord } from './notification.record.js';

@ObjectType('Notification', {
  description:
    'A message to one user about something that happened in the company; each user sees only their own.',
})
export class NotificationModel {
  @Field(() => ID, { description: 'The notification’s id.' })
  id!: string;

  @Field(() => NotificationType, { description: 'What it is about.' })
  type!: NotificationType;

  @Field({ description: 'A short headline, e.g. "Lead assigned to you".' })
  @MaxChars(200)
  title!: string;

  @Field({ description: 'The detail: the record’s name, or what changed.' })
  @MaxChars(1000)
  message!: string;

  @Field(() => Int, { description: 'How many events it stands for: 120 for "120 new leads".' })
  itemCount!: number;

  @Field({ description: 'Whether you have read it (markAsRead, markAllAsRead).' })
  isRead!: boolean;

  @Field(() => Date, { nullable: true, description: 'When you read it; null while unread.' })
  readAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The lead it is about; null when none, or once the lead is deleted for good.',
  })
  relatedLeadId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The deal it is about; null when none, or once the deal is deleted for good.',
  })
  relatedDealId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The task it is about; null when none, or once the task is deleted for good.',
  })
  relatedTaskId!: string | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed (read).' })
  updatedAt!: Date;

  static from(row: NotificationRecord): NotificationModel {
    const { companyId: _, recipientId: __, ...fields } = row;
    return Object.assign(new NotificationModel(), fields);
  }
}

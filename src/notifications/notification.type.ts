import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NotificationType } from './notification-type.enum.js';
import type { NotificationRecord } from './notification.record.js';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationType)
  type!: NotificationType;

  @Field()
  @MaxChars(200)
  title!: string;

  @Field()
  @MaxChars(1000)
  message!: string;

  @Field(() => Int, { description: 'How many events it stands for: 120 for "120 new leads".' })
  itemCount!: number;

  @Field()
  isRead!: boolean;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'Null once the lead is deleted for good.' })
  relatedLeadId!: string | null;

  @Field(() => ID, { nullable: true })
  relatedDealId!: string | null;

  @Field(() => ID, { nullable: true })
  relatedTaskId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(row: NotificationRecord): NotificationModel {
    const { companyId: _, recipientId: __, ...fields } = row;
    return Object.assign(new NotificationModel(), fields);
  }
}

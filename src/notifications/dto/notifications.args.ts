import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';

/** The caller's own notifications, newest first. */
@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false, description: 'Only unread ones.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

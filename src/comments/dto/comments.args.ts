import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';

/** A lead's or a deal's comments (exactly one), newest first. */
@ArgsType()
export class CommentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'dealId must be a UUID' })
  dealId?: string | null;
}

import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../common/validation/decorators.js';

@InputType({ description: 'A comment on a lead or a deal (exactly one) you can read.' })
export class AddCommentInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'dealId must be a UUID' })
  dealId?: string | null;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 5000)
  body!: string;
}

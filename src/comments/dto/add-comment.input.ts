import { Field, InputType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { IsString, Length } from 'class-validator';
import { Trim } from '../../common/validation/decorators.js';

@InputType({ description: 'A comment on a lead or a deal (exactly one) you can read.' })
export class AddCommentInput {
  @OptionalIdField()
  leadId?: string | null;

  @OptionalIdField()
  dealId?: string | null;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 5000)
  body!: string;
}

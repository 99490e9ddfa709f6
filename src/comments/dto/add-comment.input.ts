import { Field, InputType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { IsString, Length } from 'class-validator';
import { Trim } from '../../common/validation/decorators.js';

@InputType({ description: 'A comment on a lead or a deal (exactly one) you can read.' })
export class AddCommentInput {
  @OptionalIdField('The lead to comment on; give this or dealId.')
  leadId?: string | null;

  @OptionalIdField('The deal to comment on; give this or leadId.')
  dealId?: string | null;

  @Field({ description: 'Plain text, 1 to 5 000 characters (trimmed).' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  body!: string;
}

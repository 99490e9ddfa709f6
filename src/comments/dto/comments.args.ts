import { ArgsType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { PageArgs } from '../../common/graphql/page.args.js';

/** A lead's or a deal's comments (exactly one), newest first. */
@ArgsType()
export class CommentsArgs extends PageArgs {
  @OptionalIdField()
  leadId?: string | null;

  @OptionalIdField()
  dealId?: string | null;
}

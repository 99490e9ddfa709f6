import { ArgsType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { PageArgs } from '../../common/graphql/page.args.js';

/** A lead's or a deal's comments (exactly one), newest first. */
@ArgsType()
export class CommentsArgs extends PageArgs {
  @OptionalIdField('The lead whose comments to list; give this or dealId.')
  leadId?: string | null;

  @OptionalIdField('The deal whose comments to list; give this or leadId.')
  dealId?: string | null;
}

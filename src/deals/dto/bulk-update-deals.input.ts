import { InputType, PickType } from '@nestjs/graphql';
import { UpdateDealInput } from './update-deal.input.js';

/** What every deal of a bulk update is given; an absent field is left as each deal has it. */
@InputType({
  description:
    'What every deal of a bulk update is given; an absent field is left as each deal has it.',
})
export class BulkUpdateDealsInput extends PickType(
  UpdateDealInput,
  ['stage', 'priority', 'assignedToId'] as const,
  InputType,
) {}

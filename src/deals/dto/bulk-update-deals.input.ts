import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsOmittable } from '../../common/validation/decorators.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';

/** What every deal of a bulk update is given; an absent field is left as each deal has it. */
@InputType()
export class BulkUpdateDealsInput {
  @Field(() => DealStage, { nullable: true })
  @IsOmittable()
  @V.stage()
  stage?: DealStage;

  @Field(() => DealPriority, { nullable: true })
  @IsOmittable()
  @V.priority()
  priority?: DealPriority;

  @Field(() => ID, { nullable: true, description: 'MANAGER/ADMIN: another user, or null.' })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string | null;
}

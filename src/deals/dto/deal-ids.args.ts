import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray } from 'class-validator';
import { IsId } from '../../common/graphql/id-field.decorators.js';

/** Deals a bulk operation is for: 1 to 1 000 ids (repeats count once). */
export const BULK_MAX_IDS = 1000;

@ArgsType()
export class DealIdsArgs {
  @Field(() => [ID], { description: `1 to ${BULK_MAX_IDS} deal ids.` })
  @IsArray()
  @ArrayNotEmpty({ message: 'ids must name at least one deal' })
  @ArrayMaxSize(BULK_MAX_IDS, { message: `ids may name at most ${BULK_MAX_IDS} deals` })
  @IsId('each of ids', { each: true })
  ids!: string[];
}

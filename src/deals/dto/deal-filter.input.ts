import { Field, InputType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DecimalScalar } from '../../common/graphql/decimal.scalar.js';
import { Trim } from '../../common/validation/decorators.js';
import { toBoolean, toList } from '../../config/string-transforms.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';

/** The deals filter; its transforms also let the CSV export read it from query parameters. */
@InputType({ description: 'Narrows a deals list; every field given must match.' })
export class DealFilter {
  @Field(() => [DealStage], { nullable: true, description: 'Any of these stages.' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(5)
  @IsEnum(DealStage, { each: true })
  stage?: DealStage[];

  @Field(() => [DealPriority], { nullable: true, description: 'Any of these priorities.' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(4)
  @IsEnum(DealPriority, { each: true })
  priority?: DealPriority[];

  @OptionalIdField('Deals assigned to this user.')
  assignedToId?: string;

  @OptionalIdField('Deals of this lead.')
  leadId?: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Value at least this (deals without a value never match).',
  })
  @IsOptional()
  @V.value()
  valueMin?: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Value at most this (deals without a value never match).',
  })
  @IsOptional()
  @V.value()
  valueMax?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Expected to close on or after (YYYY-MM-DD).',
  })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseFrom?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Expected to close on or before (YYYY-MM-DD).',
  })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseTo?: string;

  @Field({ nullable: true, description: 'Words of the title or notes (each a word or its start).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'MANAGER/ADMIN: removed deals too.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeDeleted?: boolean;
}

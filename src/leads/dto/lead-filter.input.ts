import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { Trim } from '../../common/validation/decorators.js';
import { toBoolean, toList } from '../../config/string-transforms.js';
import { LeadStatus } from '../lead-status.enum.js';

/** The leads filter; its transforms also let LeadExportQuery read it from query parameters. */
@InputType({ description: 'Narrows a leads list; every field given must match.' })
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(6)
  @IsEnum(LeadStatus, { each: true })
  status?: LeadStatus[];

  @OptionalIdField('Leads assigned to this user.')
  assignedToId?: string;

  @Field({ nullable: true, description: 'Only leads assigned to nobody.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unassigned?: boolean;

  @Field({ nullable: true, description: 'Location contains this text (any case).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Budget at least this (leads without one never match).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  budgetMin?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Budget at most this (leads without one never match).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  budgetMax?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'activityScore at least this (0–100).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  activityScoreMin?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'activityScore at most this (0–100).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  activityScoreMax?: number;

  @Field({ nullable: true, description: 'Created at or after.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  @Field({ nullable: true, description: 'Created before.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;

  @Field({
    nullable: true,
    description: 'Part of the first or last name, email or phone (any case, 2+ characters).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, description: 'MANAGER/ADMIN: include removed leads.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeDeleted?: boolean;
}

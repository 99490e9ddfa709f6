import { Field, Float, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trim } from '../../common/validation/decorators.js';
import { LeadStatus } from '../lead-status.enum.js';

@InputType()
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(LeadStatus, { each: true })
  status?: LeadStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'assignedToId must be a UUID' })
  assignedToId?: string;

  @Field({ nullable: true, description: 'Only leads assigned to nobody.' })
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;

  @Field({ nullable: true, description: 'Location contains this text (any case).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  budgetMin?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  budgetMax?: number;

  @Field({ nullable: true, description: 'Created at or after.' })
  @IsOptional()
  @IsDate()
  createdFrom?: Date;

  @Field({ nullable: true, description: 'Created before.' })
  @IsOptional()
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
  @IsBoolean()
  includeDeleted?: boolean;
}

import { Transform, Type } from 'class-transformer';
import {
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
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';
import { LeadStatus } from '../lead-status.enum.js';
import type { LeadFilter } from './lead-filter.input.js';
import { LeadOrderField } from './lead-order.input.js';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const bool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The leads filter and order as query parameters: `?status=NEW,QUALIFIED&search=acme&orderBy=LAST_NAME&direction=ASC`. */
export class LeadExportQuery implements LeadFilter {
  @IsOptional()
  @Transform(list)
  @IsEnum(LeadStatus, { each: true })
  status?: LeadStatus[];

  @IsOptional()
  @IsUUID('all', { message: 'assignedToId must be a UUID' })
  assignedToId?: string;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  unassigned?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  budgetMin?: number;

  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  budgetMax?: number;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;

  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  includeDeleted?: boolean;

  @IsOptional()
  @IsEnum(LeadOrderField)
  orderBy: LeadOrderField = LeadOrderField.CREATED_AT;

  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

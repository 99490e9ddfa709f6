import { applyDecorators } from '@nestjs/common';
import { IsEnum, IsISO8601, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsCurrencyCode } from '../../common/validation/currency.js';
import { Trim } from '../../common/validation/decorators.js';
import { DealPriority, DealStage } from '../deal-enums.js';

/** numeric(14,2): at most 12 digits before the point and 2 after, never negative. */
const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** Validation shared by createDeal and updateDeal; one decorator per field. */
export const DealValidation = {
  title: (): PropertyDecorator => applyDecorators(Trim(), IsString(), Length(1, 200)),
  value: (): PropertyDecorator =>
    Matches(MONEY, { message: 'value must be 0 … 999999999999.99, with at most 2 decimals' }),
  currency: (): PropertyDecorator => IsCurrencyCode(),
  stage: (): PropertyDecorator => IsEnum(DealStage),
  priority: (): PropertyDecorator => IsEnum(DealPriority),
  leadSource: (): PropertyDecorator => applyDecorators(Trim(), IsString(), MaxLength(100)),
  expectedCloseDate: (): PropertyDecorator =>
    applyDecorators(
      Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expectedCloseDate must be a day, YYYY-MM-DD' }),
      IsISO8601({ strict: true }, { message: 'expectedCloseDate must be a real day' }),
    ),
  notes: (): PropertyDecorator => applyDecorators(IsString(), MaxLength(10_000)),
  id: (field: string): PropertyDecorator => IsUUID('all', { message: `${field} must be a UUID` }),
};

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEnum, IsISO8601, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsCurrencyCode } from '../../common/validation/currency.js';
import { Trim } from '../../common/validation/decorators.js';
import { DealPriority, DealStage } from '../deal-enums.js';

/** numeric(14,2): at most 12 digits before the point and 2 after, never negative. */
const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/**
 * An amount as numeric(14,2) gives it back ("100.5" → "100.50"), so that a value written
 * another way is not taken for a change. Anything else is left for Matches to refuse.
 */
function toCents(value: unknown): unknown {
  if (typeof value !== 'string' || !MONEY.test(value)) return value;
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** Validation shared by createDeal and updateDeal; one decorator per field. */
export const DealValidation = {
  title: (): PropertyDecorator => applyDecorators(Trim(), IsString(), Length(1, 200)),
  value: (): PropertyDecorator =>
    applyDecorators(
      Matches(MONEY, { message: 'value must be 0 … 999999999999.99, with at most 2 decimals' }),
      Transform(({ value }: { value: unknown }) => toCents(value)),
    ),
  currency: (): PropertyDecorator => IsCurrencyCode(),
  stage: (): PropertyDecorator => IsEnum(DealStage),
  priority: (): PropertyDecorator => IsEnum(DealPriority),
  leadSource: (): PropertyDecorator => applyDecorators(Trim(), IsString(), MaxLength(100)),
  expectedCloseDate: (): PropertyDecorator =>
    applyDecorators(
      // From year 1000: what PostgreSQL's date and a four-digit year both hold.
      Matches(/^[1-9]\d{3}-\d{2}-\d{2}$/, {
        message: 'expectedCloseDate must be a day, YYYY-MM-DD',
      }),
      IsISO8601({ strict: true }, { message: 'expectedCloseDate must be a real day' }),
    ),
  notes: (): PropertyDecorator => applyDecorators(IsString(), MaxLength(10_000)),
};

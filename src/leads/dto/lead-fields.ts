import { IsEmail, IsEnum, IsNumber, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsPhone, NormalizeEmail, Trim } from '../../common/validation/decorators.js';
import { LeadStatus } from '../lead-status.enum.js';

export const MAX_BUDGET = 9_999_999_999.99;

/** Validation shared by createLead, updateLead and createLeads; one decorator per field. */
export const LeadValidation = {
  name: (): PropertyDecorator => compose(Trim(), IsString(), Length(1, 100)),
  email: (): PropertyDecorator =>
    compose(
      NormalizeEmail(),
      IsEmail({}, { message: 'email must be a valid email address' }),
      MaxLength(254),
    ),
  phone: (): PropertyDecorator => compose(Trim(), IsPhone()),
  budget: (): PropertyDecorator =>
    compose(
      IsNumber(
        { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
        { message: 'budget must be a number with at most 2 decimals' },
      ),
      Min(0),
      Max(MAX_BUDGET),
    ),
  location: (): PropertyDecorator => compose(Trim(), IsString(), MaxLength(200)),
  status: (): PropertyDecorator => IsEnum(LeadStatus),
  source: (): PropertyDecorator => compose(Trim(), IsString(), MaxLength(100)),
};

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

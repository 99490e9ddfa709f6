import { Transform } from 'class-transformer';
import { ValidateIf, registerDecorator, type ValidationOptions } from 'class-validator';

/** Trims strings; leaves everything else to the validators. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an email address. */
export const NormalizeEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

/**
 * For partial updates: absent means "unchanged", but an explicit null on a required column is
 * validated (and refused) instead of being skipped as @IsOptional would.
 */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/**
 * Phone numbers, E.164-ish: an optional leading +, then 6 to 15 digits; spaces, dots, dashes and
 * parentheses may separate them ("+1 (555) 010-2030", "+44 20 7946 0958"); 32 characters at
 * most in all, as the column allows.
 */
export const PHONE_PATTERN = /^(?=.{6,32}$)\+?[0-9 ().-]+$/;

export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a phone number: optional +, 6 to 15 digits, separators allowed`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !PHONE_PATTERN.test(value)) return false;
          const digits = value.replace(/\D/g, '').length;
          return digits >= 6 && digits <= 15;
        },
      },
    });
}

/** A date within [earliest, now + slack]. */
export function IsDateBetween(
  earliest: Date,
  futureSlackMs: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateBetween',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be between ${earliest.toISOString().slice(0, 10)} and ${futureSlackMs / 60000} minutes from now`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          value instanceof Date &&
          !Number.isNaN(value.getTime()) &&
          value.getTime() >= earliest.getTime() &&
          value.getTime() <= Date.now() + futureSlackMs,
      },
    });
}

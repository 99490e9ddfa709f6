import { registerDecorator } from 'class-validator';

/** The ISO 4217 codes this runtime knows: the list comes with Node's ICU, no table of our own. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCIES.has(code);
}

export const CURRENCY_MESSAGE = 'must be an ISO 4217 code such as USD or EUR';

export function IsCurrencyCode(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} ${CURRENCY_MESSAGE}` },
      validator: { validate: isCurrencyCode },
    });
}

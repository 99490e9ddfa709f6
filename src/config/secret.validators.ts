import { registerDecorator } from 'class-validator';

/** Secrets are measured in bytes, not UTF-16 code units. */
export function MinByteLength(min: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'minByteLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min],
      options: { message: `must be at least ${min} bytes long` },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value) >= min,
      },
    });
}

/** Secrets copied from examples and placeholders: known to anyone who reads them. */
const PLACEHOLDER =
  /change[\s_-]*me|replace[\s_-]*me|your[\s_-]*(jwt[\s_-]*)?secret|do[\s_-]*not[\s_-]*use|insecure|placeholder|example|dev-only/i;

/** A secret too predictable to sign tokens with, whatever its length. */
export function IsUnguessable(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUnguessable',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'looks like a placeholder; use a random value (e.g. `openssl rand -base64 48`)',
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !PLACEHOLDER.test(value) && new Set(value).size >= 10,
      },
    });
}

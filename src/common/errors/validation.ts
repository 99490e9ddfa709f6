import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { BadUserInputException, type FieldErrors } from './app.exception.js';

/** Flattens nested class-validator errors into dotted field paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, toFieldErrors(error.children ?? [], path));
  }
  return fields;
}

export function validationException(errors: ValidationError[]): BadUserInputException {
  const fields = toFieldErrors(errors);
  const first = Object.values(fields)[0]?.[0];
  return new BadUserInputException(first ? `Invalid input: ${first}` : 'Invalid input', fields);
}

/** `input` as an instance of `type`, checked by its decorators as the ValidationPipe would. */
export async function validated<T extends object>(type: new () => T, input: object): Promise<T> {
  const instance = plainToInstance(type, input);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw validationException(errors);
  return instance;
}

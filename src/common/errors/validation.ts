import type { ValidationError } from 'class-validator';
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

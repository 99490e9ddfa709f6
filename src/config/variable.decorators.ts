import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Variable } from './config-slice.js';
import { toBoolean, toInt } from './string-transforms.js';

/** Fits only a property holding T (or undefined): an IntVariable on a string does not compile. */
type VariableDecorator<T> = <K extends string>(target: Partial<Record<K, T>>, property: K) => void;

/**
 * The decorators in the order they would be written above the property. Stacked decorators run
 * bottom first, and class-validator reports a variable's failed constraints in the order they were
 * registered; the loader prints the first, so the same order keeps the same message.
 */
function asWritten(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/** A whole number, within `min` and `max` when given. */
export function IntVariable(
  description: string,
  options: { min?: number; max?: number; default?: string } = {},
): VariableDecorator<number> {
  const { min, max, default: shownDefault } = options;
  return asWritten(
    Variable(description, { default: shownDefault }),
    Transform(toInt),
    IsInt(),
    ...(min === undefined ? [] : [Min(min)]),
    ...(max === undefined ? [] : [Max(max)]),
  );
}

/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
export function BooleanVariable(
  description: string,
  options: { default?: string } = {},
): VariableDecorator<boolean> {
  return asWritten(
    Variable(description, { default: options.default }),
    Transform(toBoolean),
    IsBoolean(),
  );
}

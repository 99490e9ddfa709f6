import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { Args, Field, ID } from '@nestjs/graphql';
import { isUUID, IsOptional, IsUUID, type ValidationArguments } from 'class-validator';
import { BadUserInputException } from '../errors/app.exception.js';

/**
 * The one way an id is validated: a UUID, refused as BAD_USER_INPUT with `<name> must be a UUID`.
 * IdField and OptionalIdField for a field of an input or args class, IdArg for a single argument.
 */
export const uuidMessage = (name: string): string => `${name} must be a UUID`;

const mustBeUuid = ({ property }: ValidationArguments): string => uuidMessage(property);

/** The rule alone, for an id the field does not name (`each of ids` of a list). */
export const IsId = (name?: string, options: { each?: boolean } = {}): PropertyDecorator =>
  IsUUID('all', { ...options, message: name ? uuidMessage(name) : mustBeUuid });

/** A required ID argument or input field that must be a UUID, named in its error message. */
export const IdField = (description?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => ID, { description }),
    IsId(),
  );

/** An optional (nullable) ID that, when given, must be a UUID. */
export const OptionalIdField = (description?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => ID, { nullable: true, description }),
    IsOptional(),
    IsId(),
  );

/** The rule for an argument: IdArg's pipe, or a value a resolver checks itself. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string | null> {
  constructor(
    private readonly field: string,
    private readonly options: { nullable?: boolean } = {},
  ) {}

  transform(value: unknown): string | null {
    if (this.options.nullable && (value === null || value === undefined)) return null;
    if (typeof value !== 'string' || !isUUID(value))
      throw BadUserInputException.forField(this.field, uuidMessage(this.field));
    return value;
  }
}

/** A single ID argument (`deal(id: ID!)`), checked by UuidPipe; nullable ones may be null. */
export const IdArg = (
  name: string,
  description: string,
  options: { nullable?: boolean } = {},
): ParameterDecorator =>
  Args(
    name,
    { type: () => ID, description, ...(options.nullable ? { nullable: true } : {}) },
    new UuidPipe(name, options),
  );

import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID, type ValidationArguments } from 'class-validator';

const mustBeUuid = ({ property }: ValidationArguments): string => `${property} must be a UUID`;

/** A required ID argument or input field that must be a UUID, named in its error message. */
export const IdField = (description?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => ID, { description }),
    IsUUID('all', { message: mustBeUuid }),
  );

/** An optional (nullable) ID that, when given, must be a UUID. */
export const OptionalIdField = (description?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => ID, { nullable: true, description }),
    IsOptional(),
    IsUUID('all', { message: mustBeUuid }),
  );

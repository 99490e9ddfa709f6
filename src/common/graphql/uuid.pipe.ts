import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { BadUserInputException } from '../errors/app.exception.js';

/** Validates an ID argument, naming it in the BAD_USER_INPUT error. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string | null> {
  constructor(
    private readonly field: string,
    private readonly options: { nullable?: boolean } = {},
  ) {}

  transform(value: unknown): string | null {
    if (this.options.nullable && (value === null || value === undefined)) return null;
    if (typeof value !== 'string' || !isUUID(value)) {
      throw BadUserInputException.forField(this.field, `${this.field} must be a UUID`);
    }
    return value;
  }
}

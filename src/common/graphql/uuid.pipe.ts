import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { BadUserInputException } from '../errors/app.exception.js';

/** Validates an ID argument, naming it in the BAD_USER_INPUT error. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw BadUserInputException.forField(this.field, `${this.field} must be a UUID`);
    }
    return value;
  }
}

import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, IsString, Length, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/decorators.js';

/** Validation shared by createTask and updateTask; one decorator per field. */
export const TaskValidation = {
  title: (): PropertyDecorator => applyDecorators(Trim(), IsString(), Length(1, 200)),
  description: (): PropertyDecorator => applyDecorators(IsString(), MaxLength(10_000)),
  dueAt: (): PropertyDecorator =>
    applyDecorators(
      Type(() => Date),
      IsDate(),
    ),
};

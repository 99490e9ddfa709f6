import { Args, Int } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/cursor.js';

/** `first` on a nested list: how many items, newest first (default 50, at most 500). */
export const FirstArg = (): ParameterDecorator =>
  Args('first', {
    type: () => Int,
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items: 1 … ${MAX_PAGE_SIZE}.`,
  });

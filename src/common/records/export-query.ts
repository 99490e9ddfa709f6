import type { Type } from '@nestjs/common';
import { IsEnum, IsOptional } from 'class-validator';
import { SortDirection } from '../graphql/sort-direction.enum.js';

/**
 * A list's filter and order as an export's query parameters
 * (`?stage=LEAD,QUALIFIED&search=renewal&orderBy=VALUE&direction=ASC`), newest first by default.
 */
export function ExportQuery<Filter extends object, Field extends string>(
  filter: Type<Filter>,
  fields: Record<string, Field>,
  defaultField: NoInfer<Field>,
) {
  class ListExportQuery extends (filter as Type<object>) {
    @IsOptional()
    @IsEnum(fields)
    orderBy: Field = defaultField;

    @IsOptional()
    @IsEnum(SortDirection)
    direction: SortDirection = SortDirection.DESC;
  }
  return ListExportQuery as Type<Filter & { orderBy: Field; direction: SortDirection }>;
}

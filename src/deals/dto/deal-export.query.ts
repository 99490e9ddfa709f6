import { IsEnum, IsOptional } from 'class-validator';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';
import { DealFilter } from './deal-filter.input.js';
import { DealOrderField } from './deal-order.input.js';

/** The deals filter and order as query parameters: `?stage=LEAD,QUALIFIED&search=renewal&orderBy=VALUE`. */
export class DealExportQuery extends DealFilter {
  @IsOptional()
  @IsEnum(DealOrderField)
  orderBy: DealOrderField = DealOrderField.CREATED_AT;

  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

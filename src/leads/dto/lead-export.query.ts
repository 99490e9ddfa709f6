import { IsEnum, IsOptional } from 'class-validator';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';
import { LeadFilter } from './lead-filter.input.js';
import { LeadOrderField } from './lead-order.input.js';

/** The leads filter and order as query parameters: `?status=NEW,QUALIFIED&search=acme&orderBy=LAST_NAME&direction=ASC`. */
export class LeadExportQuery extends LeadFilter {
  @IsOptional()
  @IsEnum(LeadOrderField)
  orderBy: LeadOrderField = LeadOrderField.CREATED_AT;

  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

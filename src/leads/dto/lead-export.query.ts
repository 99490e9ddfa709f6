import { ExportQuery } from '../../common/records/export-query.js';
import { LeadFilter } from './lead-filter.input.js';
import { LeadOrderField } from './lead-order.input.js';

/** The leads filter and order as query parameters: `?status=NEW,QUALIFIED&search=acme&orderBy=LAST_NAME&direction=ASC`. */
export class LeadExportQuery extends ExportQuery(
  LeadFilter,
  LeadOrderField,
  LeadOrderField.CREATED_AT,
) {}

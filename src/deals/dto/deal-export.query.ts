import { ExportQuery } from '../../common/records/export-query.js';
import { DealFilter } from './deal-filter.input.js';
import { DealOrderField } from './deal-order.input.js';

/** The deals filter and order as query parameters: `?stage=LEAD,QUALIFIED&search=renewal&orderBy=VALUE`. */
export class DealExportQuery extends ExportQuery(
  DealFilter,
  DealOrderField,
  DealOrderField.CREATED_AT,
) {}

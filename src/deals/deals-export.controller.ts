import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { CsvExportController } from '../common/records/csv-export.controller.js';
import { DealsService } from './deals.service.js';
import { DealExportQuery } from './dto/deal-export.query.js';

/** `GET /api/deals/export.csv` with a Bearer token and the deals filter as query parameters. */
export class DealsExportController extends CsvExportController<AuthContext, DealExportQuery>({
  path: 'api/deals',
  file: 'deals.csv',
  query: DealExportQuery,
  exporter: DealsService,
  caller: CurrentAuth,
}) {}

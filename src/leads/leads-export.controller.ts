import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { CsvExportController } from '../common/records/csv-export.controller.js';
import { LeadExportQuery } from './dto/lead-export.query.js';
import { LeadsService } from './leads.service.js';

/** `GET /api/leads/export.csv` with a Bearer token and the leads filter as query parameters. */
export class LeadsExportController extends CsvExportController<AuthContext, LeadExportQuery>({
  path: 'api/leads',
  file: 'leads.csv',
  query: LeadExportQuery,
  exporter: LeadsService,
  caller: CurrentAuth,
}) {}

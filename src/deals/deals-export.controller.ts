import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { sendCsv } from '../common/http/send-csv.js';
import { DealsService } from './deals.service.js';
import { DealExportQuery } from './dto/deal-export.query.js';

@Controller('api/deals')
export class DealsExportController {
  constructor(private readonly dealsService: DealsService) {}

  /** `GET /api/deals/export.csv` with a Bearer token and the deals filter as query parameters. */
  @Requires(Action.ReadRecords)
  @Get('export.csv')
  async export(
    @CurrentAuth() auth: AuthContext,
    @Query() query: DealExportQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendCsv(reply, 'deals.csv', await this.dealsService.exportCsv(auth, query));
  }
}

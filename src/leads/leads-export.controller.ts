import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { sendCsv } from '../common/http/send-csv.js';
import { LeadExportQuery } from './dto/lead-export.query.js';
import { LeadsService } from './leads.service.js';

@Controller('api/leads')
export class LeadsExportController {
  constructor(private readonly leadsService: LeadsService) {}

  /** `GET /api/leads/export.csv` with a Bearer token and the leads filter as query parameters. */
  @Requires(Action.ReadRecords)
  @Get('export.csv')
  async export(
    @CurrentAuth() auth: AuthContext,
    @Query() query: LeadExportQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendCsv(reply, 'leads.csv', await this.leadsService.exportCsv(auth, query));
  }
}

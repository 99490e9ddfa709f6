import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import type { RawLeadFilter } from './dto/raw-lead-filter.input.js';
import { IngestionException, IngestionReason } from './ingestion.exception.js';
import { IngestionService } from './ingestion.service.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import { RAW_LEAD_KEYSET, RawLeadsRepository, type RawLeadRecord } from './raw-leads.repository.js';

const UNSETTLED = new Set([RawLeadStatus.RECEIVED, RawLeadStatus.QUEUED, RawLeadStatus.FAILED]);

/** The journal as admins see it: every submission, and a way to process one again. */
@Injectable()
export class RawLeadsService {
  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly ingestion: IngestionService,
  ) {}

  async page(
    auth: AuthContext,
    filter: RawLeadFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<RawLeadRecord>> {
    authorize(auth, Action.ReadSubmissions);
    const limit = pageSize(first);
    const cursor = after ? RAW_LEAD_KEYSET.decode(after) : undefined;
    const rows = await this.raws.page(auth.companyId, filter.status, limit + 1, cursor);
    return toPage(rows, limit, (row) => RAW_LEAD_KEYSET.cursorOf(row), after);
  }

  count(auth: AuthContext, filter: RawLeadFilter): Promise<number> {
    authorize(auth, Action.ReadSubmissions);
    return this.raws.count(auth.companyId, filter.status);
  }

  /** Runs the submission through normalization again, now: a failure is answered, not queued. */
  async reprocess(auth: AuthContext, id: string): Promise<RawLeadRecord> {
    authorize(auth, Action.ReprocessSubmissions);
    const raw = await this.raws.findInCompany(auth.companyId, id);
    if (!raw) throw new NotFoundException('RawLead', id);
    if (!UNSETTLED.has(raw.status))
      throw new IngestionException(
        IngestionReason.ALREADY_SETTLED,
        `This submission is ${raw.status}; only a waiting or failed one is processed again`,
        { status: raw.status },
      );
    await this.ingestion.process(raw);
    return (await this.raws.findInCompany(auth.companyId, id)) ?? raw;
  }
}

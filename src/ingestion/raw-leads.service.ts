import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import type { RawLeadFilter } from './dto/raw-lead-filter.input.js';
import type { RawLeadsArgs } from './dto/raw-leads.args.js';
import { IngestionException, IngestionReason } from './ingestion.exception.js';
import { IngestionService } from './ingestion.service.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { RAW_LEAD_ORDER, RawLeadsRepository } from './raw-leads.repository.js';

const UNSETTLED: ReadonlySet<RawLeadStatus> = new Set([
  RawLeadStatus.RECEIVED,
  RawLeadStatus.QUEUED,
  RawLeadStatus.FAILED,
]);

/** The journal as admins see it: every submission, and a way to process one again. */
@Injectable()
export class RawLeadsService {
  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly ingestion: IngestionService,
  ) {}

  /** The journal: the caller's company's submissions, for those who may read them. */
  private readonly list = new Listing(this.raws.list, {
    readable: (auth: AuthContext, filter?: RawLeadFilter | null): RawLeadFilter => {
      authorize(auth, Action.ReadSubmissions);
      return filter ?? {};
    },
    defaultOrder: () => RAW_LEAD_ORDER,
  });

  page(auth: AuthContext, args: RawLeadsArgs): Promise<Page<RawLeadRecord>> {
    return this.list.page(auth, args);
  }

  count(auth: AuthContext, filter?: RawLeadFilter | null): Promise<number> {
    return this.list.count(auth, filter);
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

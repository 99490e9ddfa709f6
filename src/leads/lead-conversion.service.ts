import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { AuthContext } from '../auth/auth-context.js';
import { authorizeRecordChange } from '../access/permissions.js';
import { LeadStatus } from './lead-status.enum.js';
import { LeadWrites } from './lead-writes.js';
import { LeadEvents } from './leads.events.js';
import { LeadsRepository } from './leads.repository.js';
import type { LeadRecord } from './lead.record.js';

/** The lead's side of turning it into a deal: the deals pipeline drives it in its transaction. */
@Injectable()
export class LeadConversionService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly writes: LeadWrites,
  ) {}

  /**
   * Marks a live lead the caller may change CONVERTED, inside the caller's transaction: the
   * deals pipeline converts a lead and creates its deal in one. Returns the lead as it was.
   */
  async convertIn(auth: AuthContext, id: string, transaction: Transaction): Promise<LeadRecord> {
    const lead = await this.writes.live(auth, id, transaction);
    authorizeRecordChange(auth, lead.assignedToId);
    if (lead.status === LeadStatus.CONVERTED) return lead;
    const changes = this.writes.changes(lead, { status: LeadStatus.CONVERTED });
    const saved = await this.leads.save(lead, { status: LeadStatus.CONVERTED }, transaction);
    await this.writes.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
    return lead;
  }
}

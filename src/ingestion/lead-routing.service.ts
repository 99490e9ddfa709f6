import { Injectable } from '@nestjs/common';
import { Assignments } from '../access/assignments.js';
import { Action, authorize } from '../access/permissions.js';
import type { AuthContext } from '../auth/auth-context.js';
import { BadUserInputException, NotFoundException } from '../common/errors/app.exception.js';
import { isForeignKeyViolation } from '../common/errors/database-errors.js';
import { Colleagues } from '../users/colleagues.js';
import { LeadRouting } from './lead-routing.enum.js';
import { LeadRoutingRepository } from './lead-routing.repository.js';

/** Whom an ingested lead goes to, by the company's setting (ADMIN sets it). */
@Injectable()
export class LeadRoutingService {
  constructor(
    private readonly routing: LeadRoutingRepository,
    private readonly colleagues: Colleagues,
    private readonly assignments: Assignments,
  ) {}

  mode(auth: AuthContext): Promise<LeadRouting> {
    authorize(auth, Action.ManageLeadRouting);
    return this.routing.modeOf(auth.companyId);
  }

  async setMode(auth: AuthContext, mode: LeadRouting): Promise<LeadRouting> {
    authorize(auth, Action.ManageLeadRouting);
    await this.routing.setMode(auth.companyId, mode);
    return mode;
  }

  /** The user the key's leads go to under API_KEY_DEFAULT; null clears it. */
  async setKeyAssignee(
    auth: AuthContext,
    apiKeyId: string,
    userId: string | null,
  ): Promise<boolean> {
    authorize(auth, Action.ManageLeadRouting);
    if (userId && !(await this.assignments.activeAmong(auth.companyId, [userId])).has(userId)) {
      const message = 'userId is not an active user of your company';
      throw new BadUserInputException(message, { userId: [message] });
    }
    try {
      await this.routing.setKeyAssignee(auth.companyId, apiKeyId, userId);
    } catch (error) {
      // The composite key refuses another company's key: it reads as missing.
      if (isForeignKeyViolation(error)) throw new NotFoundException('ApiKey', apiKeyId);
      throw error;
    }
    return true;
  }

  /**
   * The assignee of a new lead sent with `apiKeyId` (null when it was not a key, or nobody), by
   * the company's routing: `mode` when the caller read it already.
   */
  async assigneeFor(
    companyId: string,
    apiKeyId: string | null,
    mode?: LeadRouting,
  ): Promise<string | null> {
    switch (mode ?? (await this.routing.modeOf(companyId))) {
      case LeadRouting.NOBODY:
        return null;
      case LeadRouting.API_KEY_DEFAULT: {
        const userId = apiKeyId ? await this.routing.keyAssignee(companyId, apiKeyId) : null;
        if (!userId) return null;
        // One deactivated since keeps no leads coming to them.
        const active = await this.assignments.activeAmong(companyId, [userId]);
        return active.has(userId) ? userId : null;
      }
      case LeadRouting.ROUND_ROBIN: {
        const reps = await this.colleagues.activeSalesReps(companyId);
        if (reps.length === 0) return null;
        return reps[(await this.routing.nextTurn(companyId)) % reps.length];
      }
    }
  }
}

import { Injectable } from '@nestjs/common';
import { userIdOf, type AuthContext } from '../auth/auth-context.js';
import { AccessRepository } from './access.repository.js';
import { AssignmentException, AssignmentReason } from './assignment.exception.js';
import { Action, can } from './permissions.js';

const NOT_COLLEAGUE = 'is not an active user of your company';

/**
 * Who a company's records (leads, deals, tasks) may be given to, one rule for all of them:
 * MANAGER, ADMIN and the system give any record to any active colleague, or to nobody; a
 * SALES_REP's new records are their own and they reassign none; an API key's are nobody's.
 */
@Injectable()
export class Assignments {
  constructor(private readonly access: AccessRepository) {}

  /** Which of `ids` are active users of the company (others' users read as missing). */
  async activeAmong(companyId: string, ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    return this.access.activeUsers(companyId, unique);
  }

  /** The assignee of a new record, from what was asked (`what`: "leads", for the message). */
  async forNew(
    auth: AuthContext,
    requested: string | null | undefined,
    what: string,
  ): Promise<string | null> {
    if (!can(auth, Action.WriteAnyRecord)) return this.own(auth, requested, what);
    if (!requested) return null;
    await this.requireColleague(auth, requested, 'assignedToId');
    return requested;
  }

  /** The same for a batch, the distinct assignees checked in one lookup; fields name each row. */
  async forNewMany(
    auth: AuthContext,
    requested: readonly (string | null | undefined)[],
    what: string,
    fieldOf: (index: number) => string,
  ): Promise<(string | null)[]> {
    if (!can(auth, Action.WriteAnyRecord)) return requested.map((r) => this.own(auth, r, what));
    const ids = requested.filter((id): id is string => Boolean(id));
    const active = await this.activeAmong(auth.companyId, ids);
    const fields: Record<string, string[]> = {};
    requested.forEach((id, i) => {
      if (id && !active.has(id)) fields[fieldOf(i)] = [`assignedToId ${NOT_COLLEAGUE}`];
    });
    if (Object.keys(fields).length > 0)
      throw AssignmentException.unknown('Unknown assignees; nothing was written', fields);
    return requested.map((id) => id ?? null);
  }

  /** Refuses moving a record to `to` unless the caller reassigns records and `to` can take it. */
  async checkReassignment(auth: AuthContext, to: string | null, what: string): Promise<void> {
    if (!can(auth, Action.WriteAnyRecord))
      throw new AssignmentException(
        AssignmentReason.ASSIGNMENT_NOT_ALLOWED,
        `Only a MANAGER or ADMIN reassigns ${what}`,
      );
    if (to) await this.requireColleague(auth, to, 'assignedToId');
  }

  /** UNKNOWN_ASSIGNEE on `field` unless `userId` is an active user of the caller's company. */
  async requireColleague(auth: AuthContext, userId: string, field: string): Promise<void> {
    if ((await this.activeAmong(auth.companyId, [userId])).has(userId)) return;
    const message = `${field} ${NOT_COLLEAGUE}`;
    throw AssignmentException.unknown(message, { [field]: [message] });
  }

  private own(auth: AuthContext, requested: string | null | undefined, what: string) {
    const own = userIdOf(auth);
    if (requested && requested !== own)
      throw new AssignmentException(
        AssignmentReason.ASSIGNMENT_NOT_ALLOWED,
        `A SALES_REP’s new ${what} are assigned to themselves`,
      );
    return own;
  }
}

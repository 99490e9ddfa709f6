import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Role } from '../auth/role.enum.js';
import { UsersRepository } from './users.repository.js';

/** What other features may ask of the company's users: who can be given a record. */
@Injectable()
export class Colleagues {
  constructor(private readonly users: UsersRepository) {}

  /** Which of `ids` are active users of the caller's company (others' users read as missing). */
  async activeAmong(auth: AuthContext, ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const found = await this.users.activeIdsInCompany(auth.companyId, unique);
    return new Set(found);
  }

  /** The company's active sales reps, oldest first: whom leads are dealt to in turn. */
  activeSalesReps(companyId: string): Promise<string[]> {
    return this.users.activeIdsWithRole(companyId, Role.SALES_REP);
  }
}

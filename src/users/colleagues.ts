import { Injectable } from '@nestjs/common';
import { Role } from '../auth/role.enum.js';
import { UsersRepository } from './users.repository.js';

/** What other features may ask of the company's users: whom leads are dealt to in turn. */
@Injectable()
export class Colleagues {
  constructor(private readonly users: UsersRepository) {}

  /** The company's active sales reps, oldest first: whom leads are dealt to in turn. */
  activeSalesReps(companyId: string): Promise<string[]> {
    return this.users.activeIdsWithRole(companyId, Role.SALES_REP);
  }
}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { InteractionsRepository } from '../interactions/interactions.repository.js';
import type { InteractionRecord } from '../interactions/models/interaction.model.js';
import { LeadsRepository } from '../leads/leads.repository.js';
import type { LeadRecord } from '../leads/models/lead.model.js';
import type { UserRecord } from '../users/models/user.model.js';
import { UsersRepository } from '../users/users.repository.js';

/**
 * How many of a lead's interactions `lead.interactions` lists, newest first. The whole history pages
 * through interactionsByLead(leadId, first) and interactionsConnection(filter: { leadId }).
 */
export const NESTED_INTERACTIONS = 50;

/** Batches the nested lookups of one request: N parents cost one statement per relation. */
export interface Loaders {
  leadById: DataLoader<string, LeadRecord | null>;
  userById: DataLoader<string, UserRecord | null>;
  /** The newest NESTED_INTERACTIONS interactions of each lead. */
  interactionsByLead: DataLoader<string, InteractionRecord[]>;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly users: UsersRepository,
    private readonly interactions: InteractionsRepository,
  ) {}

  /** Made per request, before the guard has run: the company is read when a batch is due. */
  create(req: FastifyRequest): Loaders {
    const companyId = (): string => {
      if (!req.auth) throw new UnauthenticatedException();
      return req.auth.companyId;
    };
    return {
      leadById: new DataLoader(async (ids) =>
        byId(ids, await this.leads.findLiveByIds(companyId(), ids)),
      ),
      userById: new DataLoader(async (ids) =>
        byId(ids, await this.users.findInCompanyByIds(companyId(), ids)),
      ),
      interactionsByLead: new DataLoader(async (leadIds) => {
        const rows = await this.interactions.latestForLeads(
          companyId(),
          leadIds,
          NESTED_INTERACTIONS,
        );
        const grouped = new Map<string, InteractionRecord[]>(leadIds.map((id) => [id, []]));
        for (const row of rows) grouped.get(row.leadId)?.push(row);
        return leadIds.map((id) => grouped.get(id) ?? []);
      }),
    };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { actorOf, type AuthContext } from '../../auth/auth-context.js';
import { Action, authorize } from '../../auth/permissions.js';
import { NotFoundException } from '../../common/errors/app.exception.js';
import { ActorKind } from '../../common/events/actor.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { Transactions } from '../../database/transactions.js';
import { LeadAccess } from '../../leads/lead-access.js';
import { LeadsService } from '../../leads/leads.service.js';
import type { LeadRecord } from '../../leads/lead.record.js';
import { RateLimiters } from '../../rate-limit/rate-limiters.js';
import { spend } from '../../rate-limit/spend.js';
import { ScoresService } from '../scores.service.js';
import { ScoringException, ScoringReason } from '../scoring.exception.js';
import { ScoringEvents } from '../scoring.events.js';
import { AiBudgets } from './ai-budgets.js';
import { ExternalAiRepository } from './external-ai.repository.js';
import { LeadSummariesRepository } from './lead-summaries.repository.js';
import { SummaryProviders } from './summary-providers.js';
import { SummaryProviderError } from './summary-provider.js';

@Injectable()
export class SummariesService {
  private readonly logger = new Logger(SummariesService.name);

  constructor(
    private readonly summaries: LeadSummariesRepository,
    private readonly scores: ScoresService,
    private readonly externalAi: ExternalAiRepository,
    private readonly providers: SummaryProviders,
    private readonly budgets: AiBudgets,
    private readonly access: LeadAccess,
    private readonly leads: LeadsService,
    private readonly limiters: RateLimiters,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /**
   * A fresh summary of a lead the caller can read (the lead, returned), from its score recomputed
   * now and its latest interactions: by the external provider when one is configured and the company allows it,
   * else by the built-in summarizer. No transaction is held while the provider thinks; when it
   * fails, nothing is written and the lead keeps the summary it had. Every call to the provider,
   * each retry too, spends the AI budgets (AiBudgets); the built-in summarizer spends none.
   */
  async generateSummary(auth: AuthContext, leadId: string): Promise<LeadRecord> {
    authorize(auth, Action.GenerateSummaries);
    await this.access.requireReadable(auth, leadId);
    await spend(this.limiters.summaryPerCaller, callerKey(auth));
    const provider = this.providers.for(await this.externalAi.allowed(auth.companyId));
    // The first call is paid before any work, so that a spent budget refuses with nothing
    // rescored; each retry is paid as it is made.
    if (provider.external) await this.budgets.spendCall(auth.companyId);
    await this.scores.rescoreLead(auth, leadId);
    const facts = await this.summaries.facts(auth.companyId, leadId);
    if (!facts) throw new NotFoundException('Lead', leadId);
    let text: string;
    try {
      text = await provider.summarize(facts, () => this.budgets.spendCall(auth.companyId));
    } catch (error) {
      if (!(error instanceof SummaryProviderError)) throw error;
      this.logger.warn(`summary of lead ${leadId} by ${provider.name} failed: ${error.message}`);
      throw new ScoringException(
        ScoringReason.SUMMARY_PROVIDER_FAILED,
        'The AI provider could not summarise the lead now; its previous summary is kept. Retry later.',
      );
    }
    await this.transactions.run(async (transaction) => {
      const at = new Date();
      const written = await this.summaries.write(transaction, auth.companyId, leadId, {
        text,
        provider: provider.name,
        at,
      });
      if (!written) throw new NotFoundException('Lead', leadId);
      await this.events.publish(
        ScoringEvents.LeadSummarized,
        { entity: 'Lead', records: [{ id: leadId, details: { provider: provider.name } }] },
        { actor: actorOf(auth), transaction },
      );
    });
    const lead = await this.leads.findOne(auth, leadId);
    if (!lead) throw new NotFoundException('Lead', leadId);
    return lead;
  }

  externalAiAllowed(auth: AuthContext): Promise<boolean> {
    authorize(auth, Action.ManageAiSettings);
    return this.externalAi.allowed(auth.companyId);
  }

  setExternalAiAllowed(auth: AuthContext, allowed: boolean): Promise<boolean> {
    authorize(auth, Action.ManageAiSettings);
    return this.transactions.run(async (transaction) => {
      const previous = await this.externalAi.set(transaction, auth.companyId, allowed);
      if (previous !== allowed)
        await this.events.publish(
          ScoringEvents.ExternalAiChanged,
          {
            entity: 'Company',
            records: [
              {
                id: auth.companyId,
                changes: { externalAiAllowed: { from: previous, to: allowed } },
              },
            ],
          },
          { actor: actorOf(auth), transaction },
        );
      return allowed;
    });
  }
}

/** Whose budget a summary spends: the user's, the key's, or the job's. */
function callerKey(auth: AuthContext): string {
  switch (auth.kind) {
    case ActorKind.USER:
      return `user:${auth.userId}`;
    case ActorKind.API_KEY:
      return `key:${auth.apiKeyId}`;
    case ActorKind.SYSTEM:
      return `system:${auth.companyId}`;
  }
}

import { Injectable } from '@nestjs/common';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { BadUserInputException, NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { CURRENCY_MESSAGE, isCurrencyCode } from '../common/validation/currency.js';
import { Transactions } from '../database/transactions.js';
import { CompanyEvents } from './companies.events.js';
import { CompaniesRepository, type CompanyRecord } from './companies.repository.js';

@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** The caller's own company: the only one anyone sees. */
  async mine(auth: AuthContext): Promise<CompanyRecord> {
    authorize(auth, Action.ReadRecords);
    const company = await this.companies.find(auth.companyId);
    if (!company) throw new NotFoundException('Company', auth.companyId);
    return company;
  }

  async setCurrency(auth: AuthContext, currency: string): Promise<CompanyRecord> {
    authorize(auth, Action.ManageCompany);
    if (!isCurrencyCode(currency))
      throw BadUserInputException.forField('currency', `currency ${CURRENCY_MESSAGE}`);
    return this.transactions.run(async (transaction) => {
      const { company, previous } = await this.companies.setCurrency(
        transaction,
        auth.companyId,
        currency,
      );
      if (previous !== currency)
        await this.events.publish(
          CompanyEvents.CurrencyChanged,
          {
            entity: 'Company',
            records: [{ id: company.id, changes: { currency: { from: previous, to: currency } } }],
          },
          { actor: actorOf(auth), transaction },
        );
      return company;
    });
  }
}

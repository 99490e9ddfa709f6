import type { EventPayload, FieldChange, RecordChange } from '../common/events/event-payload.js';

export const CompanyEvents = {
  CurrencyChanged: 'company.currency_changed',
} as const;

export interface CompanyCurrencyChange extends RecordChange {
  readonly id: string;
  readonly changes: { readonly currency: FieldChange<string> };
}

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'company.currency_changed': EventPayload<CompanyCurrencyChange> & {
      readonly entity: 'Company';
    };
  }
}

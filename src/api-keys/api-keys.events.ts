import type { ApiKeyScope } from '../auth/api-key-scope.enum.js';
import type { EventPayload, RecordChange } from '../common/events/event-payload.js';

/** Domain event names of API keys. */
export const ApiKeyEvents = { Created: 'api_key.created', Revoked: 'api_key.revoked' } as const;

export interface ApiKeyCreatedRecord extends RecordChange {
  readonly id: string;
  readonly details: { readonly name: string; readonly scopes: readonly ApiKeyScope[] };
}

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'api_key.created': EventPayload<ApiKeyCreatedRecord> & { readonly entity: 'ApiKey' };
    'api_key.revoked': EventPayload & { readonly entity: 'ApiKey' };
  }
}

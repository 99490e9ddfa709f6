import { registerEnumType } from '@nestjs/graphql';

/** What an API key may be used for; stored lower-case. */
export enum ApiKeyScope {
  INGEST = 'ingest',
}

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an API key may be used for.',
  valuesMap: { INGEST: { description: 'Send leads to POST /api/lead.' } },
});

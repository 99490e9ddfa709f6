import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const ApiKeyScope = graphqlEnum('ApiKeyScope', 'What an API key may be used for.', {
  INGEST: { value: 'ingest', description: 'Send leads to POST /api/lead.' },
});
export type ApiKeyScope = EnumValue<typeof ApiKeyScope>;

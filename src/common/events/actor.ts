import { graphqlEnum, type EnumValue } from '../graphql/graphql-enum.js';

/** Which kind of caller did something; audit rows record it (lower-case). */
export const ActorKind = graphqlEnum(
  'ActorKind',
  'Who acted: a user, an API key, background work, or nobody signed in yet.',
  {
    USER: { value: 'user', description: 'A signed-in user (actorUserId).' },
    API_KEY: {
      value: 'api_key',
      description: 'An API key (actorApiKeyId), e.g. on POST /api/lead.',
    },
    SYSTEM: { value: 'system', description: 'Background work: scheduled jobs, listeners.' },
    ANONYMOUS: {
      value: 'anonymous',
      description: 'Nobody signed in yet: a failed login, a sign-up before its user exists.',
    },
  },
);
export type ActorKind = EnumValue<typeof ActorKind>;

/** Who did something, as events and audit rows carry it. */
export interface Actor {
  readonly kind: ActorKind;
  readonly companyId: string | null;
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

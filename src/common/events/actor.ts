/** Which kind of caller did something; audit rows record it. */
export enum ActorKind {
  USER = 'user',
  API_KEY = 'api_key',
  SYSTEM = 'system',
  /** Nobody authenticated yet: a failed login, a sign-up before its user exists. */
  ANONYMOUS = 'anonymous',
}

/** Who did something, as events and audit rows carry it. */
export interface Actor {
  readonly kind: ActorKind;
  readonly companyId: string | null;
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

import type { Transaction } from 'sequelize';

/** Who did something: a user, an API key, or nobody yet (a failed login). */
export interface Actor {
  companyId: string | null;
  userId?: string | null;
  apiKeyId?: string | null;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * Something that happened in the domain. Side effects (audit, notifications, scores) listen for
 * these instead of being called from services. When `transaction` is set, listeners write inside
 * it, so the change and its side effects commit or roll back together.
 */
export class DomainEvent {
  constructor(
    readonly name: string,
    readonly actor: Actor,
    readonly entity: { type: string; id: string | null },
    readonly changes: Record<string, unknown> | null = null,
    readonly transaction?: Transaction,
  ) {}
}

import type pg from 'pg';
import type { Transaction } from 'sequelize';

/** A side write sent into the transaction: its outcome, read once COMMIT has been sent. */
export type SentWrite = Promise<{ error?: Error }>;

/** What the transaction helper keeps of a transaction it opened. */
export interface OpenTransaction {
  client: pg.Client;
  /** Writes sent without waiting for them (Sql.send): all must have succeeded for the commit to stand. */
  sent: SentWrite[];
}

const open = new WeakMap<Transaction, OpenTransaction>();

/** For the transaction helper: registers a transaction it opened on `client`. */
export function registerTransaction(transaction: Transaction, client: pg.Client): OpenTransaction {
  const state: OpenTransaction = { client, sent: [] };
  open.set(transaction, state);
  // Sequelize runs a model query inside a transaction on this connection.
  (transaction as unknown as { connection: pg.Client }).connection = client;
  return state;
}

/** The driver connection of a transaction opened by Transactions.run; throws for any other. */
export function openTransactionOf(transaction: Transaction): OpenTransaction {
  const state = open.get(transaction);
  if (!state) throw new Error('this statement needs a transaction opened by Transactions.run');
  return state;
}

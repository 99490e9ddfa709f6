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

/** pg's client, as pg-copy-streams and pg-cursor also reach it: its socket. */
interface ClientSocket {
  connection: { stream: { cork(): void; uncork(): void } };
}

const corked = new WeakSet<pg.Client>();

/**
 * Holds the connection's outgoing bytes until the statements queued in this turn of the event
 * loop are all written: BEGIN and the work's first statement, or the writes sent into the
 * transaction and COMMIT, then leave in one packet — one write for the server to read instead
 * of several, fewer syscalls on both sides. Only the packing depends on it, never the order.
 */
export function holdWrites(client: pg.Client): void {
  if (corked.has(client)) return;
  const socket = (client as unknown as ClientSocket).connection.stream;
  corked.add(client);
  socket.cork();
  setImmediate(() => {
    corked.delete(client);
    socket.uncork();
  });
}

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

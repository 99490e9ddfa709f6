import { giveBack } from './broken-connections.js';
import { Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { openCommitQueue, runAfterCommit } from '../common/events/after-commit.js';
import { reportServerFault } from '../common/errors/server-faults.js';
import { holdWrites, registerTransaction, type OpenTransaction } from './open-transaction.js';
import { Sql } from './sql.js';

/** pg's pipeline mode, switched per transaction: the COPY of an export and cursors refuse it. */
function setPipelining(client: pg.Client, on: boolean): void {
  // A constructor option in pg's typings, read by the client on every query.
  (client as { pipeline: boolean }).pipeline = on;
}

/** The first error among the writes sent into the transaction, once they have all been answered. */
async function firstSendError(state: OpenTransaction): Promise<Error | undefined> {
  for (const outcome of await Promise.all(state.sent)) if (outcome.error) return outcome.error;
  return undefined;
}

/**
 * The one way services open a transaction: the work runs in it, and what was queued for after the
 * commit (after-commit event listeners) runs only once COMMIT has succeeded — never after a
 * rollback or a failed COMMIT, and without failing the caller when it throws.
 *
 * It speaks to the driver itself, with the connection in pipeline mode, so that a write costs as
 * few waits for PostgreSQL as its logic allows:
 * - BEGIN is not waited for: the work's first statement follows it in the same flight;
 * - COMMIT goes right behind the writes sent with Sql.send, which nothing waits for either.
 * createLead is then two round trips: BEGIN + INSERT lead, then INSERT audit + COMMIT.
 * Pipelining keeps the order and each statement's own answer; a statement that fails aborts the
 * transaction in PostgreSQL, so every later one fails too and COMMIT rolls back: nothing
 * half-written can stand.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(
    private readonly sequelize: Sequelize,
    private readonly sql: Sql,
  ) {}

  async run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const pool = this.sequelize.connectionManager;
    const client = await this.sql.connection();
    const transaction = new Transaction(this.sequelize, {});
    const state = registerTransaction(transaction, client);
    const queued = openCommitQueue(transaction);
    setPipelining(client, true);
    let reusable = false;
    let result: T;
    try {
      holdWrites(client);
      const begun = this.statement(client, 'BEGIN');
      try {
        result = await work(transaction);
        await begun;
      } catch (error) {
        await begun.catch(() => undefined);
        reusable = await this.rollback(client, state);
        throw error;
      }
      const commit = await this.commit(client, state);
      reusable = commit.reusable;
      if (commit.error) throw commit.error;
    } finally {
      setPipelining(client, false);
      giveBack(pool, client, reusable);
    }
    await runAfterCommit(queued, (error) => {
      this.logger.error(`after-commit work failed: ${String(error)}`);
      reportServerFault({ error, source: 'after-commit' });
    });
    return result;
  }

  /**
   * COMMIT behind the sent writes. When one of them failed, PostgreSQL has aborted the transaction
   * and answers the COMMIT with a rollback: that write's error is the caller's. A COMMIT that
   * fails itself (a deferred constraint, a broken connection) leaves the connection in doubt.
   */
  private async commit(
    client: pg.Client,
    state: OpenTransaction,
  ): Promise<{ error?: Error; reusable: boolean }> {
    const committed = this.statement(client, 'COMMIT').then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error: error as Error }),
    );
    const sendError = await firstSendError(state);
    const outcome = await committed;
    if ('error' in outcome) return { error: sendError ?? outcome.error, reusable: false };
    if (sendError) return { error: sendError, reusable: true };
    // The work caught the error of one of its own statements: PostgreSQL had aborted it anyway.
    if (outcome.answer.command === 'ROLLBACK')
      return {
        error: new Error('the transaction was aborted by an earlier error; nothing was committed'),
        reusable: true,
      };
    return { reusable: true };
  }

  /** Rolls back after a failed work; a connection that cannot even do that is not reused. */
  private async rollback(client: pg.Client, state: OpenTransaction): Promise<boolean> {
    try {
      await Promise.all(state.sent);
      await this.statement(client, 'ROLLBACK');
      return true;
    } catch {
      return false;
    }
  }

  private statement(client: pg.Client, sql: string): Promise<pg.QueryResult> {
    return this.sql.timed(sql, () => client.query(sql));
  }
}

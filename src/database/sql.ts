import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { DatabaseConfig } from './database.config.js';
import { giveBack, noteFailure } from './broken-connections.js';
import { holdWrites, openTransactionOf } from './open-transaction.js';
import { Prepared, StatementNames } from './prepared.js';
import { StatementTimer } from './statement-timer.js';

/**
 * Statements straight to the driver, on a connection of Sequelize's pool or on the connection of a
 * transaction opened by Transactions.run. Sequelize's query() spends about 50 µs of CPU per
 * statement before the driver sees it (a stack trace captured for every statement, a dozen regular
 * expressions over the SQL, model instances built from the rows); the lists, the DataLoader reads
 * and the hot writes skip that. Statements still reach Sequelize's logger, so SQL logging, and the
 * tests that count statements, see them.
 */
/** The driver rejects with errors; anything else is wrapped, to be thrown as one. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

@Injectable()
export class Sql {
  private readonly names: StatementNames | null;
  private readonly timer: StatementTimer;

  constructor(
    private readonly sequelize: Sequelize,
    config: DatabaseConfig,
  ) {
    this.names = config.DB_PREPARED_STATEMENTS ? new StatementNames() : null;
    this.timer = new StatementTimer(config.DB_SLOW_STATEMENT_MS);
  }

  /** The rows of one statement: inside `transaction` when given, else on a pooled connection. */
  async rows<T>(
    sql: string | Prepared,
    values: readonly unknown[],
    transaction?: Transaction,
  ): Promise<T[]> {
    const query = this.query(sql, values);
    if (transaction) return this.run<T>(openTransactionOf(transaction).client, query);
    const client = await this.connection();
    try {
      return await this.run<T>(client, query);
    } finally {
      giveBack(this.sequelize.connectionManager, client);
    }
  }

  /** The rows of one statement on a connection the caller holds (AdvisoryLocks' session). */
  rowsOn<T>(client: pg.Client, sql: string | Prepared, values: readonly unknown[]): Promise<T[]> {
    return this.run<T>(client, this.query(sql, values));
  }

  /**
   * A pooled connection, the wait timed. 'write': statements on it write too (autocommit), and a
   * read replica, were one configured, must never get them.
   */
  async connection(): Promise<pg.Client> {
    const pool = this.sequelize.connectionManager;
    return StatementTimer.acquire(
      async () => (await pool.getConnection({ type: 'write' })) as pg.Client,
    );
  }

  /** A statement sent by hand (BEGIN, COMMIT, a COPY), logged and timed as Sql's own are. */
  timed<T>(text: string, send: () => Promise<T>): Promise<T> {
    this.log(text, []);
    return this.timer.time(text, send);
  }

  private async run<T>(client: pg.Client, query: pg.QueryConfig): Promise<T[]> {
    try {
      return (await this.timer.time(query.text, () => client.query(query))).rows as T[];
    } catch (error) {
      noteFailure(client, query.name !== undefined, error);
      throw error;
    }
  }

  /**
   * A write nothing in the request reads back (audit rows): sent into
   * the transaction now, pipelined behind its earlier statements, and not waited for here — the
   * transaction helper sends COMMIT right behind it and fails the whole change if it failed. It
   * costs the request no round trip of its own.
   */
  send(transaction: Transaction, sql: string | Prepared, values: readonly unknown[]): void {
    // Nothing reads the rows; a failure is handled by the outcome sendRows queues.
    void this.sendRows(transaction, sql, values);
  }

  /**
   * As `send`, for a write whose rows only after-commit work reads (the notifications a change
   * created, to push): the rows arrive with the commit, so awaiting them before it would stall.
   * Its failure fails the transaction as `send`'s does; the promise then rejects, handled or not.
   */
  sendRows<T>(
    transaction: Transaction,
    sql: string | Prepared,
    values: readonly unknown[],
  ): Promise<T[]> {
    const query = this.query(sql, values);
    const state = openTransactionOf(transaction);
    holdWrites(state.client);
    const rows = this.timer
      .time(query.text, () => state.client.query(query))
      .then(
        (result) => result.rows as T[],
        (error: unknown) => {
          noteFailure(state.client, query.name !== undefined, error);
          throw asError(error);
        },
      );
    state.sent.push(
      rows.then(
        () => ({}),
        (error: Error) => ({ error }),
      ),
    );
    return rows;
  }

  /** The driver's form of a statement (named when prepared), logged. */
  private query(sql: string | Prepared, values: readonly unknown[]): pg.QueryConfig {
    const text = typeof sql === 'string' ? sql : sql.text;
    this.log(text, values);
    const name = sql instanceof Prepared ? this.names?.of(sql) : undefined;
    return { text, values: values as unknown[], ...(name ? { name } : {}) };
  }

  /** The statement, to Sequelize's logger when it has one. */
  log(sql: string, values: readonly unknown[]): void {
    const log = this.sequelize.options.logging;
    // Sequelize hands its logger the query options as the second argument, though its typings say
    // a timing; so do we.
    if (typeof log === 'function')
      (log as unknown as (sql: string, options: object) => void)(`Executing (default): ${sql}`, {
        bind: values,
      });
  }
}

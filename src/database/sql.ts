import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { holdWrites, openTransactionOf } from './open-transaction.js';

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
  constructor(private readonly sequelize: Sequelize) {}

  /** The rows of one statement: inside `transaction` when given, else on a pooled connection. */
  async rows<T>(sql: string, values: readonly unknown[], transaction?: Transaction): Promise<T[]> {
    this.log(sql, values);
    if (transaction) {
      const result = await openTransactionOf(transaction).client.query(sql, values as unknown[]);
      return result.rows as T[];
    }
    const pool = this.sequelize.connectionManager;
    const client = (await pool.getConnection({ type: 'read' })) as pg.Client;
    try {
      const result = await client.query(sql, values as unknown[]);
      return result.rows as T[];
    } finally {
      pool.releaseConnection(client);
    }
  }

  /**
   * A write nothing in the request reads back (audit rows; later, notification rows): sent into
   * the transaction now, pipelined behind its earlier statements, and not waited for here — the
   * transaction helper sends COMMIT right behind it and fails the whole change if it failed. It
   * costs the request no round trip of its own.
   */
  send(transaction: Transaction, sql: string, values: readonly unknown[]): void {
    this.log(sql, values);
    const state = openTransactionOf(transaction);
    holdWrites(state.client);
    state.sent.push(
      state.client.query(sql, values as unknown[]).then(
        () => ({}),
        (error: unknown) => ({ error: asError(error) }),
      ),
    );
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

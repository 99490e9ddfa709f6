import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { Sequelize } from 'sequelize-typescript';

/**
 * Rows of one read-only statement outside any transaction, from the driver on a connection of
 * Sequelize's pool. Sequelize's query() spends about 50 µs of CPU per statement before the driver
 * sees it (a stack trace captured for every statement, a dozen regular expressions over the SQL);
 * the list and DataLoader reads, several per request, skip that. Statements still reach Sequelize's
 * logger, so SQL logging, and the tests that count statements, see them.
 */
@Injectable()
export class ReadQuery {
  constructor(private readonly sequelize: Sequelize) {}

  async rows<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
    const log = this.sequelize.options.logging;
    // Sequelize hands its logger the query options as the second argument, though its typings say
    // a timing; so do we.
    if (typeof log === 'function')
      (log as unknown as (sql: string, options: object) => void)(`Executing (default): ${sql}`, {
        bind: values,
      });
    const pool = this.sequelize.connectionManager;
    const client = (await pool.getConnection({ type: 'read' })) as pg.Client;
    try {
      const result = await client.query(sql, values as unknown[]);
      return result.rows as T[];
    } finally {
      pool.releaseConnection(client);
    }
  }
}

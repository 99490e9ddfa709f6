import { Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Sequelize } from 'sequelize-typescript';
import { CrlfRecords } from '../common/csv/crlf-records.js';
import type { SqlParams } from '../common/pagination/keyset.js';

/**
 * Streams a SELECT as CSV written by PostgreSQL itself (COPY … TO STDOUT, header, CRLF records):
 * the rows never become JavaScript objects, and memory stays flat however many match.
 */
@Injectable()
export class CsvExport {
  private readonly logger = new Logger(CsvExport.name);

  constructor(private readonly sequelize: Sequelize) {}

  /**
   * The pooled connection goes back when the COPY has ended. A stream closed before that (the
   * client hung up) leaves the connection mid-COPY — pg-copy-streams cannot end one — so it is
   * closed, which also stops the COPY in PostgreSQL, and the pool opens a new one. A failure after
   * the first bytes cannot become an error status any more: the answer is cut short and logged.
   */
  async stream(select: string, params: SqlParams, what: string): Promise<Readable> {
    const pool = this.sequelize.connectionManager;
    const client = (await pool.getConnection({ type: 'read' })) as pg.Client;
    let settled = false;
    const settle = (reusable: boolean): void => {
      if (settled) return;
      settled = true;
      if (reusable) pool.releaseConnection(client);
      else void pool.destroyConnection(client).catch(() => undefined);
    };
    let copy: Readable;
    try {
      const sql = `COPY (${params.inline(select, (text) => client.escapeLiteral(text))}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
      copy = client.query(copyTo(sql));
      copy.once('end', () => settle(true));
      copy.once('error', () => settle(false));
      copy.once('close', () => settle(false));
    } catch (error) {
      settle(false);
      throw error;
    }
    // A client hanging up destroys the pipeline, which ends the COPY and frees the connection.
    return pipeline(copy, new CrlfRecords(), (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
        this.logger.error(`${what} export failed midway: ${error.message}`);
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Sequelize } from 'sequelize-typescript';
import { CrlfRecords } from '../common/csv/crlf-records.js';
import { StallGuard } from '../common/csv/stall-guard.js';
import type { SqlParams } from '../common/pagination/keyset.js';
import { AppConfig } from '../config/app-config.js';
import { ConnectionSlots } from './connection-slots.js';

/**
 * Streams a SELECT as CSV written by PostgreSQL itself (COPY … TO STDOUT, header, CRLF records):
 * the rows never become JavaScript objects, and memory stays flat however many match.
 */
@Injectable()
export class CsvExport {
  private readonly logger = new Logger(CsvExport.name);
  private readonly slots: ConnectionSlots;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly config: AppConfig,
  ) {
    this.slots = new ConnectionSlots(config.exportMaxConcurrent, config.EXPORT_MAX_PER_USER);
  }

  /**
   * `owner` (a user, or a company for other callers) may run EXPORT_MAX_PER_USER at once, and the
   * instance EXPORT_MAX_CONCURRENT: beyond, RATE_LIMITED. The COPY may run EXPORT_TIMEOUT_MS
   * rather than a request's statement timeout.
   *
   * The pooled connection goes back when the COPY has ended (its timeout reset first). A stream
   * closed before that (the client hung up, or read nothing for EXPORT_STALL_TIMEOUT_MS) leaves
   * the connection mid-COPY — pg-copy-streams cannot end one — so it is closed, which also stops
   * the COPY in PostgreSQL, and the pool opens a new one. A failure after the first bytes cannot
   * become an error status any more: the answer is cut short and logged.
   */
  async stream(select: string, params: SqlParams, what: string, owner: string): Promise<Readable> {
    const release = this.slots.take(owner);
    const pool = this.sequelize.connectionManager;
    let client: pg.Client;
    try {
      client = (await pool.getConnection({ type: 'read' })) as pg.Client;
    } catch (error) {
      release();
      throw error;
    }
    try {
      await client.query(`SET statement_timeout = ${Math.floor(this.config.EXPORT_TIMEOUT_MS)}`);
    } catch (error) {
      release();
      void pool.destroyConnection(client).catch(() => undefined);
      throw error;
    }
    let settled = false;
    const settle = (reusable: boolean): void => {
      if (settled) return;
      settled = true;
      release();
      if (!reusable) return void pool.destroyConnection(client).catch(() => undefined);
      client.query('RESET statement_timeout').then(
        () => pool.releaseConnection(client),
        () => void pool.destroyConnection(client).catch(() => undefined),
      );
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
    return pipeline(
      copy,
      new CrlfRecords(),
      new StallGuard(this.config.EXPORT_STALL_TIMEOUT_MS),
      (error) => {
        if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
          this.logger.warn(`${what} export ended midway: ${error.message}`);
      },
    );
  }
}

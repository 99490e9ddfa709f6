import { Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Sequelize } from 'sequelize-typescript';
import { CrlfRecords } from '../common/csv/crlf-records.js';
import { StallGuard } from '../common/csv/stall-guard.js';
import type { SqlParams } from '../common/pagination/keyset.js';
import { ExportConfig } from './export.config.js';
import { ConnectionSlots } from './connection-slots.js';
import { exportsRunning } from './database.metrics.js';
import { StatementTimer } from './statement-timer.js';
import { ExportException, ExportReason } from './export.exception.js';

/** Who runs an export: the slots it takes are counted per user and per company. */
export interface ExportOwner {
  /** A user, or the company for other callers. */
  owner: string;
  companyId: string;
}

/**
 * Streams a SELECT as CSV written by PostgreSQL itself (COPY … TO STDOUT, header, CRLF records):
 * the rows never become JavaScript objects, and memory stays flat however many match.
 */
@Injectable()
export class CsvExport {
  private readonly logger = new Logger(CsvExport.name);
  private readonly slots: ConnectionSlots;
  /** Per company only (the instance's cap is `slots`'): one company cannot take every slot. */
  private readonly companySlots: ConnectionSlots;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly config: ExportConfig,
  ) {
    this.slots = new ConnectionSlots(config.maxConcurrent, config.EXPORT_MAX_PER_USER);
    const perCompany = config.maxPerCompany;
    this.companySlots = new ConnectionSlots(
      Number.MAX_SAFE_INTEGER,
      perCompany,
      () =>
        new ExportException(
          ExportReason.COMPANY_EXPORT_LIMIT,
          `Your company already runs ${perCompany} exports at once; retry when one has ended`,
          { retryAfter: 5 },
        ),
    );
  }

  /** A slot of the company's share and of the instance's, or RATE_LIMITED; given back once. */
  private takeSlots({ owner, companyId }: ExportOwner): () => void {
    const company = this.companySlots.take(companyId);
    try {
      const instance = this.slots.take(owner);
      exportsRunning.inc();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        exportsRunning.dec();
        instance();
        company();
      };
    } catch (error) {
      company();
      throw error;
    }
  }

  /**
   * `owner` (a user, or a company for other callers) may run EXPORT_MAX_PER_USER at once, its
   * company EXPORT_MAX_PER_COMPANY and the instance EXPORT_MAX_CONCURRENT: beyond, RATE_LIMITED.
   * The COPY may run EXPORT_TIMEOUT_MS rather than a request's statement timeout.
   *
   * The pooled connection goes back when the COPY has ended (its timeout reset first). A stream
   * closed before that (the client hung up, read nothing for EXPORT_STALL_TIMEOUT_MS, or read
   * slower than EXPORT_MIN_BYTES_PER_SECOND over EXPORT_MIN_RATE_WINDOW_MS of its own time) leaves
   * the connection mid-COPY — pg-copy-streams cannot end one — so it is closed, which also stops
   * the COPY in PostgreSQL, and the pool opens a new one. A failure after the first bytes cannot
   * become an error status any more: the answer is cut short and logged.
   */
  async stream(
    select: string,
    params: SqlParams,
    what: string,
    owner: ExportOwner,
  ): Promise<Readable> {
    const release = this.takeSlots(owner);
    const pool = this.sequelize.connectionManager;
    let client: pg.Client;
    try {
      client = await StatementTimer.acquire(
        async () => (await pool.getConnection({ type: 'read' })) as pg.Client,
      );
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
      new StallGuard(this.config.EXPORT_STALL_TIMEOUT_MS, {
        bytesPerSecond: this.config.EXPORT_MIN_BYTES_PER_SECOND,
        windowMs: this.config.EXPORT_MIN_RATE_WINDOW_MS,
      }),
      (error) => {
        if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
          this.logger.warn(`${what} export ended midway: ${error.message}`);
      },
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { openCommitQueue } from '../common/events/after-commit.js';

/**
 * The one way services open a transaction: the work runs in it, and what was queued for after the
 * commit (after-commit event listeners) runs only once COMMIT has succeeded — never after a
 * rollback or a failed COMMIT, and without failing the caller when it throws.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(private readonly sequelize: Sequelize) {}

  async run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    let queued: (() => Promise<void>)[] = [];
    const result = await this.sequelize.transaction((transaction) => {
      queued = openCommitQueue(transaction);
      return work(transaction);
    });
    for (const job of queued) {
      await job().catch((error: unknown) =>
        this.logger.error(`after-commit work failed: ${String(error)}`),
      );
    }
    return result;
  }
}

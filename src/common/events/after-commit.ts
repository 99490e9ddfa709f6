import type { Transaction } from 'sequelize';

type Job = () => Promise<void>;

const queues = new WeakMap<Transaction, Job[]>();

/**
 * Work to run once `transaction` has committed. Only transactions opened through the database's
 * transaction helper have a queue: Sequelize's own afterCommit hooks also run when COMMIT itself
 * fails, which would announce a change that never happened.
 */
export function afterCommit(transaction: Transaction, job: Job): void {
  const queue = queues.get(transaction);
  if (!queue) throw new Error('afterCommit needs a transaction opened by Transactions.run');
  queue.push(job);
}

/** For the transaction helper: the queue it drains after a successful commit. */
export function openCommitQueue(transaction: Transaction): Job[] {
  const queue: Job[] = [];
  queues.set(transaction, queue);
  return queue;
}

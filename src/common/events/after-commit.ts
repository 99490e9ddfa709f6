import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'sequelize';

type Job = () => Promise<void>;

const queues = new WeakMap<Transaction, Job[]>();

/**
 * The work to run once `transaction` has committed. Only transactions opened through the
 * database's transaction helper have one: Sequelize's own afterCommit hooks also run when COMMIT
 * itself fails, which would announce a change that never happened. Throws for any other.
 */
export function commitQueueOf(transaction: Transaction): Job[] {
  const queue = queues.get(transaction);
  if (!queue) throw new Error('after-commit work needs a transaction opened by Transactions.run');
  return queue;
}

/** For the transaction helper: the queue it drains after a successful commit. */
export function openCommitQueue(transaction: Transaction): Job[] {
  const queue: Job[] = [];
  queues.set(transaction, queue);
  return queue;
}

/** When the transaction whose after-commit work is running committed (performance.now()). */
const commitClock = new AsyncLocalStorage<number>();

/** For the transaction helper: runs the queue's work, each job knowing when the commit was. */
export async function runAfterCommit(
  queue: readonly Job[],
  onError: (error: unknown) => void,
): Promise<void> {
  const committedAt = performance.now();
  for (const job of queue) await commitClock.run(committedAt, job).catch(onError);
}

/** Milliseconds since the commit whose after-commit work this is; undefined outside one. */
export function sinceCommit(): number | undefined {
  const committedAt = commitClock.getStore();
  return committedAt === undefined ? undefined : performance.now() - committedAt;
}

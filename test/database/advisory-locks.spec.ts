import { AdvisoryLocks, LockSpace } from '../../src/database/advisory-locks.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('AdvisoryLocks', () => {
  let harness: ServiceHarness;
  let sut: AdvisoryLocks;

  beforeAll(async () => {
    harness = await startServices([]);
    sut = harness.get(AdvisoryLocks);
  });
  afterAll(() => harness.close());

  it('runs the work on the session holding the lock, and refuses a second holder meanwhile', async () => {
    const outcome = await sut.tryWhile(LockSpace.SCORE_RECALCULATION, 'k1', async (session) => {
      const [row] = await session.rows<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
           AND pid = pg_backend_pid() AND classid = $1 AND objid = hashtext('k1')::oid) AS held`,
        [LockSpace.SCORE_RECALCULATION],
      );
      const second = await sut.tryWhile(LockSpace.SCORE_RECALCULATION, 'k1', async () => 'no');
      return { held: row.held, second };
    });
    expect(outcome).toEqual({ result: { held: true, second: null } });
  });

  it('lets the lock go when the work fails', async () => {
    await expect(
      sut.tryWhile(LockSpace.SCORE_RECALCULATION, 'k2', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    // No session holds it (a reentrant hold by a pooled session would let a retry pass unseen).
    const held = await harness.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'
         AND classid = $1 AND objid = hashtext('k2')::oid`,
      [LockSpace.SCORE_RECALCULATION],
    );
    expect(held).toEqual([{ n: 0 }]);
  });
});

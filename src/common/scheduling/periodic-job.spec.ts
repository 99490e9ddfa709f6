import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { onServerFault, type ServerFault } from '../errors/server-faults.js';
import { PeriodicJob, type JobSchedule } from './periodic-job.js';

class FailingJob extends PeriodicJob {
  readonly label = 'failing';
  readonly error = new Error('pass failed');

  schedule(): JobSchedule {
    return { everyMs: 60_000, firstAfterMs: 0 };
  }

  run(): Promise<void> {
    return Promise.reject(this.error);
  }
}

describe('PeriodicJob', () => {
  it('logs a failed pass and reports it as a server fault, naming the job', async () => {
    const job = new FailingJob();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const faults: ServerFault[] = [];
    let lines: unknown[] = [];
    const unsubscribe = onServerFault((fault) => faults.push(fault));
    try {
      job.start(job.schedule());
      await new Promise((resolve) => setTimeout(resolve, 20));
      await job.stop();
      lines = logged.mock.calls.map(([line]) => line);
    } finally {
      unsubscribe();
      logged.mockRestore();
    }
    expect(lines).toEqual(['failing failed: Error: pass failed']);
    expect(faults).toEqual([{ error: job.error, source: 'job', task: 'failing' }]);
  });
});

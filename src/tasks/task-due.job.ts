import { Injectable } from '@nestjs/common';
import { every, PeriodicJob, type JobSchedule } from '../common/scheduling/periodic-job.js';
import { TasksConfig } from './tasks.config.js';
import { TasksService } from './tasks.service.js';

/** How many due tasks one pass claims at most; the rest wait for the next pass. */
const CLAIM_PER_PASS = 1000;

/**
 * Every TASK_DUE_CHECK_SECONDS, each instance claims the OPEN tasks whose due time has passed
 * (SKIP LOCKED: instances share the work, and each task is claimed once) and publishes task.due.
 */
@Injectable()
export class TaskDueJob extends PeriodicJob {
  readonly label = 'task due-time pass';

  constructor(
    private readonly tasks: TasksService,
    private readonly config: TasksConfig,
  ) {
    super();
  }

  schedule(): JobSchedule | null {
    return every(this.config.TASK_DUE_CHECK_SECONDS * 1000);
  }

  /** Claims until no full batch is left, so that a backlog drains in one pass. */
  run(): Promise<number> {
    return this.drain(CLAIM_PER_PASS, (batch) => this.tasks.announceDue(batch));
  }
}

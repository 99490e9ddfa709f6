import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/scheduling/periodic-task.js';
import { AppConfig } from '../config/app-config.js';
import { TasksService } from './tasks.service.js';

/** How many due tasks one pass claims at most; the rest wait for the next pass. */
const CLAIM_PER_PASS = 1000;

/**
 * Every TASK_DUE_CHECK_SECONDS, each instance claims the OPEN tasks whose due time has passed
 * (SKIP LOCKED: instances share the work, and each task is claimed once) and publishes task.due.
 */
@Injectable()
export class TaskDueScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TaskDueScheduler.name);
  private readonly task = new PeriodicTask('task due-time pass', this.logger, () => this.pass());

  constructor(
    private readonly tasks: TasksService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.TASK_DUE_CHECK_SECONDS > 0)
      this.task.start(this.config.TASK_DUE_CHECK_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Claims until no full batch is left, so that a backlog drains in one pass. */
  async pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.tasks.announceDue(CLAIM_PER_PASS);
      total += claimed;
      if (claimed < CLAIM_PER_PASS) return total;
    }
  }
}

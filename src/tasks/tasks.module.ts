import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { JobsModule } from '../common/scheduling/jobs.module.js';
import { DealTasksResolver } from './deal-tasks.resolver.js';
import { LeadTasksResolver } from './lead-tasks.resolver.js';
import { TaskDueJob } from './task-due.job.js';
import { TaskLoaders } from './task.loaders.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksResolver } from './tasks.resolver.js';
import { TasksService } from './tasks.service.js';

/** Tasks (docs/features/tasks.md). */
@Module({
  imports: [AccessModule, JobsModule],
  providers: [
    TasksRepository,
    TasksService,
    TasksResolver,
    LeadTasksResolver,
    DealTasksResolver,
    TaskLoaders,
    TaskDueJob,
  ],
  exports: [TasksService],
})
export class TasksModule {}

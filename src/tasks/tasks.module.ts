import { Module } from '@nestjs/common';
import { JobsModule } from '../common/scheduling/jobs.module.js';
import { DealsModule } from '../deals/deals.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { UsersModule } from '../users/users.module.js';
import { DealTasksResolver } from './deal-tasks.resolver.js';
import { LeadTasksResolver } from './lead-tasks.resolver.js';
import { TaskDueJob } from './task-due.job.js';
import { TaskLoaders } from './task.loaders.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksResolver } from './tasks.resolver.js';
import { TasksService } from './tasks.service.js';

/** Tasks (docs/features/tasks.md). */
@Module({
  imports: [JobsModule, LeadsModule, DealsModule, UsersModule],
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

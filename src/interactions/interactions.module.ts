import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module.js';
import { InteractionsRepository } from './interactions.repository.js';
import { InteractionsResolver } from './interactions.resolver.js';
import { InteractionsService } from './interactions.service.js';

@Module({
  imports: [LeadsModule],
  providers: [InteractionsRepository, InteractionsService, InteractionsResolver],
  exports: [InteractionsRepository],
})
export class InteractionsModule {}

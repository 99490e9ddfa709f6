import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { InteractionLoaders } from './interaction.loaders.js';
import { InteractionsRepository } from './interactions.repository.js';
import { InteractionsResolver } from './interactions.resolver.js';
import { InteractionsService } from './interactions.service.js';
import { LeadInteractionsResolver } from './lead-interactions.resolver.js';

@Module({
  imports: [AccessModule],
  providers: [
    InteractionsRepository,
    InteractionsService,
    InteractionsResolver,
    LeadInteractionsResolver,
    InteractionLoaders,
  ],
})
export class InteractionsModule {}

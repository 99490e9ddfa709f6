import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { LeadsExportController } from './leads-export.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';

@Module({
  imports: [UsersModule],
  controllers: [LeadsExportController],
  providers: [LeadsRepository, LeadsService, LeadsResolver],
  exports: [LeadsRepository, LeadsService],
})
export class LeadsModule {}

import { Module } from '@nestjs/common';
import { AccessRepository } from './access.repository.js';
import { AccessService } from './access.service.js';
import { Assignments } from './assignments.js';

/** Who may do what to which records (docs/architecture.md, “Permissions”): every feature imports it. */
@Module({
  providers: [AccessRepository, AccessService, Assignments],
  exports: [AccessService, Assignments],
})
export class AccessModule {}

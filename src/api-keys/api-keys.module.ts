import { Module } from '@nestjs/common';
import { ModelsModule } from '../database/models.module.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysResolver } from './api-keys.resolver.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKey } from './api-key.model.js';

@Module({
  imports: [ModelsModule.forFeature([ApiKey])],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}

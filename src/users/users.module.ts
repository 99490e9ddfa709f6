import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/tokens/password-hasher.js';
import { ModelsModule } from '../database/models.module.js';
import { Colleagues } from './colleagues.js';
import { Company } from './models/company.model.js';
import { User } from './models/user.model.js';
import { UserLoaders } from './user.loaders.js';
import { UsersRepository } from './users.repository.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [ModelsModule.forFeature([Company, User])],
  providers: [
    UsersRepository,
    UsersService,
    UsersResolver,
    PasswordHasher,
    Colleagues,
    UserLoaders,
  ],
  exports: [UsersRepository, UsersService, PasswordHasher, Colleagues],
})
export class UsersModule {}

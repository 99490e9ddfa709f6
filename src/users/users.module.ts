import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/tokens/password-hasher.js';
import { UsersRepository } from './users.repository.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  providers: [UsersRepository, UsersService, UsersResolver, PasswordHasher],
  exports: [UsersRepository, PasswordHasher],
})
export class UsersModule {}

import { Module } from '@nestjs/common';
import { Accounts } from './accounts.js';
import { Colleagues } from './colleagues.js';
import { PasswordHasher } from './password-hasher.js';
import { UserLoaders } from './user.loaders.js';
import { UsersRepository } from './users.repository.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  providers: [
    UsersRepository,
    UsersService,
    UsersResolver,
    PasswordHasher,
    Accounts,
    Colleagues,
    UserLoaders,
  ],
  // For auth: Accounts and UsersService (sign-up); for ingestion: Colleagues (and USER_BY_ID).
  exports: [UsersService, Accounts, Colleagues],
})
export class UsersModule {}

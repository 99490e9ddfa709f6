import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ConfigSlice, Variable } from '../config/config-slice.js';
import { toInt } from '../config/string-transforms.js';

/** Accounts: the cost of their passwords. */
export class UsersConfig extends ConfigSlice {
  static override readonly feature = 'users';

  /** Password hashes (argon2id, 64 MiB each) computed at once; more wait in a queue. */
  @Variable(
    'argon2 work at once, split between checking passwords and hashing new ones (at least 1 each)',
  )
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 2;
}

import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/** Accounts: the cost of their passwords. */
export class UsersConfig extends ConfigSlice {
  static override readonly feature = 'users';

  /** Password hashes (argon2id, 64 MiB each) computed at once; more wait in a queue. */
  @IntVariable(
    'argon2 work at once, split between checking passwords and hashing new ones (at least 1 each)',
    { min: 1, max: 64 },
  )
  PASSWORD_HASH_CONCURRENCY = 2;
}

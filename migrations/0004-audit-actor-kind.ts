// Which kind of caller acted: a user, an API key, background work, or nobody signed in yet.
// Written to lock as little as it can on a large audit log: the column arrives with a constant
// default (no table rewrite), the check is NOT VALID (no scan under the exclusive lock; the
// backfill only writes allowed values), and only the rows that are not 'user' are updated.
export const up = /* sql */ `
ALTER TABLE audit_logs ADD COLUMN actor_kind text NOT NULL DEFAULT 'user';
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_actor_kind
  CHECK (actor_kind IN ('user', 'api_key', 'system', 'anonymous')) NOT VALID;
-- Failed logins and reused refresh tokens were recorded with the targeted user as actor; the
-- user stays as the entity, and nobody signed in was the actor.
UPDATE audit_logs SET actor_kind = 'anonymous', actor_user_id = NULL
  WHERE action IN ('auth.login_failed', 'auth.refresh_token_reused');
UPDATE audit_logs SET actor_kind = 'api_key' WHERE actor_api_key_id IS NOT NULL;
UPDATE audit_logs SET actor_kind = 'anonymous'
  WHERE actor_user_id IS NULL AND actor_api_key_id IS NULL AND actor_kind = 'user';
ALTER TABLE audit_logs ALTER COLUMN actor_kind DROP DEFAULT;
`;

export const down = /* sql */ `
UPDATE audit_logs SET actor_user_id = entity_id
  WHERE action IN ('auth.login_failed', 'auth.refresh_token_reused') AND actor_user_id IS NULL;
ALTER TABLE audit_logs DROP COLUMN actor_kind;
`;

// Which kind of caller acted: a user, an API key, background work, or nobody yet (a failed login).
export const up = /* sql */ `
ALTER TABLE audit_logs ADD COLUMN actor_kind text;
UPDATE audit_logs SET actor_kind = CASE
  WHEN actor_api_key_id IS NOT NULL THEN 'api_key'
  WHEN action = 'auth.login_failed' THEN 'anonymous'
  WHEN actor_user_id IS NOT NULL THEN 'user'
  ELSE 'anonymous'
END;
ALTER TABLE audit_logs
  ALTER COLUMN actor_kind SET NOT NULL,
  ADD CONSTRAINT audit_logs_actor_kind CHECK (actor_kind IN ('user', 'api_key', 'system', 'anonymous'));
`;

export const down = /* sql */ `
ALTER TABLE audit_logs DROP COLUMN actor_kind;
`;

export const up = /* sql */ `
CREATE TABLE companies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id     uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  email          text NOT NULL,
  password_hash  text NOT NULL,
  first_name     text NOT NULL,
  last_name      text NOT NULL,
  role           text NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'SALES_REP')),
  is_active      boolean NOT NULL DEFAULT true,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);
-- Login is by email alone, so an email belongs to one user across all companies.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_company_page ON users (company_id, created_at, id);

CREATE TABLE refresh_tokens (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id       uuid NOT NULL,
  token_hash      text NOT NULL UNIQUE,
  expires_at      timestamptz(3) NOT NULL,
  revoked_at      timestamptz(3),
  replaced_by_id  uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_live ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE api_keys (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id     uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  name           text NOT NULL,
  prefix         text NOT NULL,
  key_hash       text NOT NULL UNIQUE,
  scopes         text[] NOT NULL,
  created_by_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  last_used_at   timestamptz(3),
  revoked_at     timestamptz(3),
  created_at     timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_company ON api_keys (company_id, created_at, id);

CREATE TABLE audit_logs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id         uuid REFERENCES companies (id) ON DELETE CASCADE,
  actor_user_id      uuid,
  actor_api_key_id   uuid,
  action             text NOT NULL,
  entity_type        text,
  entity_id          uuid,
  changes            jsonb,
  request_id         text,
  ip                 text,
  created_at         timestamptz(3) NOT NULL DEFAULT now()
);
-- Actors are kept without foreign keys: the trail must outlive the users and keys it names.
CREATE INDEX audit_logs_company_page ON audit_logs (company_id, created_at DESC, id DESC);
CREATE INDEX audit_logs_company_entity ON audit_logs (company_id, entity_type, entity_id);
CREATE INDEX audit_logs_company_action ON audit_logs (company_id, action, created_at DESC);
CREATE INDEX audit_logs_company_actor ON audit_logs (company_id, actor_user_id, created_at DESC);
`;

export const down = /* sql */ `
DROP TABLE audit_logs;
DROP TABLE api_keys;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE companies;
`;

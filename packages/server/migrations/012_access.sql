-- People and access (src/access/): organisations with a jurisdiction, users with one role each, login
-- sessions, API tokens for machine reporters, and the audit log of person-level reads and of changes to
-- users and tokens. Jurisdictions are place codes; codes nest by prefix (001_city.sql), so a user's
-- subtree is `place_code LIKE jurisdiction_code || '%'`.

CREATE TABLE organisation (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  kind text NOT NULL CHECK (kind IN (
    'city_cdc', 'district_cdc', 'command_centre', 'hospital', 'community', 'warehouse', 'ems', 'hotline')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- "user" is a reserved word: app_user.
CREATE TABLE app_user (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  role text NOT NULL CHECK (role IN (
    'commander', 'analyst', 'duty_officer', 'facility_reporter', 'community_worker', 'volunteer',
    'supply_officer', 'ems_dispatcher', 'hotline_operator', 'public_viewer', 'admin')),
  organisation_id text REFERENCES organisation (id),
  jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$'),
  -- Facility reporters report for one facility only.
  facility_id text REFERENCES facility (id),
  -- scrypt$<log2 N>$<r>$<p>$<salt>$<key> (base64); NULL: cannot log in with a password.
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'facility_reporter' OR facility_id IS NOT NULL)
);

-- Only hashes of the secrets are stored: a copy of the table opens no session.
CREATE TABLE user_session (
  id bigserial PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  csrf_hash bytea NOT NULL,
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_token (
  id bigserial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash bytea NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('ingest')),
  facility_id text NOT NULL REFERENCES facility (id),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- Append-only and tamper-evident: each entry's hash is sha256(previous hash || canonical entry), computed
-- by src/access/audit/audit-chain.ts; GET /api/v1/audit/verify walks the chain again. Entries are written
-- under a table lock, so seq has no gaps and the chain no forks.
CREATE TABLE audit_entry (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor_id bigint,
  actor_username text,
  actor_role text,
  action text NOT NULL,
  target text NOT NULL,
  purpose text,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_entry_target_idx ON audit_entry (target);

-- REVOKE does not bind the table's owner (the platform's own role): a trigger does.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- The staff directory and how people prove who they are. The identity provider (a password here,
-- or the province's OIDC platform) says *who* someone is; the directory says what they may do here:
-- each person holds one or more posts (岗位: a role at an org, a department kind for department staff).
-- Ids are canonical (canonicalUserId: NFKC, trimmed, lower case), so `FIN-1` and `fin-1` are one person.

CREATE TABLE staff (
  user_id              text        PRIMARY KEY CHECK (user_id = lower(user_id) AND length(user_id) BETWEEN 1 AND 64),
  name                 text        NOT NULL,
  active               boolean     NOT NULL DEFAULT true,
  -- 'scrypt$N$r$p$salt$hash'; null: this person signs in through OIDC only (or is an integration client).
  password_hash        text,
  must_change_password boolean     NOT NULL DEFAULT false,
  password_changed_at  timestamptz,
  failed_logins        integer     NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  -- The identity provider's subject (OIDC `sub` or the configured claim) when it differs from user_id.
  oidc_subject         text        UNIQUE,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_posts (
  user_id    text NOT NULL REFERENCES staff (user_id),
  role       text NOT NULL,
  org        text NOT NULL,
  -- '' for every role but department (a primary key cannot hold a null).
  department text NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, role, org, department)
);
CREATE INDEX staff_posts_org ON staff_posts (org text_pattern_ops);

-- Every change to the directory, its credentials and its tokens: who did what to whom, and when.
CREATE TABLE staff_changes (
  id              bigserial   PRIMARY KEY,
  user_id         text        NOT NULL,
  action          text        NOT NULL,
  detail          jsonb       NOT NULL DEFAULT '{}',
  changed_by      text        NOT NULL,
  changed_by_role text        NOT NULL,
  changed_by_org  text        NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_changes_user ON staff_changes (user_id, id);

-- Browser sessions. The cookie holds a random secret; only its SHA-256 is kept, so reading this
-- table does not hand out live sessions.
CREATE TABLE staff_sessions (
  id_hash      text        PRIMARY KEY,
  user_id      text        NOT NULL REFERENCES staff (user_id),
  role         text        NOT NULL,
  org          text        NOT NULL,
  department   text        NOT NULL DEFAULT '',
  -- Synchronizer token for state-changing requests; useless without the HttpOnly cookie.
  csrf_token   text        NOT NULL,
  via          text        NOT NULL CHECK (via IN ('password', 'oidc')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id) WHERE revoked_at IS NULL;

-- API tokens for integration clients (another department's system, a payment gateway): issued by an
-- admin to a directory entry, scoped to one of its posts, stored hashed, revocable.
CREATE TABLE api_tokens (
  id           text        PRIMARY KEY,
  secret_hash  text        NOT NULL,
  user_id      text        NOT NULL REFERENCES staff (user_id),
  role         text        NOT NULL,
  org          text        NOT NULL,
  department   text        NOT NULL DEFAULT '',
  label        text        NOT NULL,
  created_by   text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- An OIDC sign-in between the redirect to the provider and its callback (state, PKCE verifier, nonce).
CREATE TABLE oidc_logins (
  state         text        PRIMARY KEY,
  code_verifier text        NOT NULL,
  nonce         text        NOT NULL,
  return_to     text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

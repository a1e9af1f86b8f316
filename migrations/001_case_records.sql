-- Read model and audit trail of cases. Temporal holds the live state; these tables hold what
-- people search and report on, written idempotently by the case workflow's activities.

CREATE TABLE applications (
  case_id        text PRIMARY KEY,
  program        text NOT NULL,
  county_code    text NOT NULL,
  township_code  text NOT NULL,
  village_code   text NOT NULL,
  applicant_name text NOT NULL,
  applicant_id   text NOT NULL,
  household_size integer NOT NULL CHECK (household_size > 0),
  form           jsonb NOT NULL,
  submitted_by   text NOT NULL,
  submitted_at   timestamptz NOT NULL
);
CREATE INDEX applications_applicant_id ON applications (applicant_id);

CREATE TABLE cases (
  id                 text PRIMARY KEY,
  program            text NOT NULL,
  definition_version text NOT NULL,
  status             text NOT NULL CHECK (status IN ('active', 'done')),
  step               text NOT NULL,
  step_label_zh      text NOT NULL,
  state_value        jsonb NOT NULL,
  county_code        text NOT NULL,
  township_code      text NOT NULL,
  village_code       text NOT NULL,
  owner_role         text,
  owner_org          text,
  pending_roles      text[] NOT NULL DEFAULT '{}',
  due_at             timestamptz,
  overall_due_at     timestamptz,
  close_relative     boolean NOT NULL DEFAULT false,
  monthly_amount     numeric(12, 2),
  accepted_at        timestamptz,
  decided_at         timestamptz,
  closed_at          timestamptz,
  version            integer NOT NULL,
  submitted_at       timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
-- Lists are scoped by org (a prefix of the village code) and ordered newest first.
CREATE INDEX cases_village_submitted ON cases (village_code text_pattern_ops, submitted_at DESC, id DESC);
CREATE INDEX cases_program_step ON cases (program, step, submitted_at DESC);
CREATE INDEX cases_active_due ON cases (due_at) WHERE status = 'active' AND due_at IS NOT NULL;
CREATE INDEX cases_submitted ON cases (submitted_at DESC, id DESC);

-- Append-only: who did what, when, from which step to which. Never updated, never deleted.
CREATE TABLE case_events (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL,
  seq         integer NOT NULL,
  actor_user  text NOT NULL,
  actor_role  text NOT NULL,
  actor_org   text NOT NULL,
  event       text NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  comment     text,
  payload     jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, seq)
);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

CREATE TABLE notices (
  id        bigserial PRIMARY KEY,
  case_id   text NOT NULL,
  seq       integer NOT NULL,
  kind      text NOT NULL,
  title_zh  text NOT NULL,
  body_zh   text NOT NULL,
  issued_at timestamptz NOT NULL,
  UNIQUE (case_id, seq, kind)
);

-- Payments due to approved cases; (case, period) is the natural key, so a payment is recorded once.
CREATE TABLE disbursements (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL,
  program     text NOT NULL,
  county_code text NOT NULL,
  period      text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  amount      numeric(12, 2) NOT NULL CHECK (amount > 0),
  status      text NOT NULL DEFAULT 'scheduled',
  decided_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, period)
);

-- Risk warnings (风险预警) and what the rules read.
--
-- Rules run on every new application and in a periodic sweep, so the same finding comes back again
-- and again: a warning is keyed by (case, dedup_key), where the key names the rule, the subject (a
-- person or an account) and the facts behind it (the related cases). Re-running the rules refreshes
-- `last_seen_at` and never adds a second row; a resolved warning stays resolved until the facts
-- change (a new related case makes a new key, and so a new warning).

CREATE TABLE risk_warnings (
  id              bigserial   PRIMARY KEY,
  case_id         text        NOT NULL REFERENCES applications (case_id),
  rule            text        NOT NULL,
  severity        text        NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  subject_kind    text        NOT NULL CHECK (subject_kind IN ('person', 'account')),
  subject_key     text        NOT NULL,
  dedup_key       text        NOT NULL,
  related_case_ids text[]     NOT NULL DEFAULT '{}',
  explanation_zh  text        NOT NULL,
  details         jsonb       NOT NULL DEFAULT '{}',
  -- Copied from the case so supervisors' lists are scoped without a join.
  county_code     text        NOT NULL,
  township_code   text        NOT NULL,
  village_code    text        NOT NULL,
  state           text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
  acknowledged_by text,
  acknowledged_at timestamptz,
  acknowledge_note text,
  resolved_by     text,
  resolved_at     timestamptz,
  resolve_note    text,
  version         integer     NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, dedup_key)
);
-- Supervisors' list: newest first under an org prefix, by state.
CREATE INDEX risk_warnings_scope ON risk_warnings (village_code text_pattern_ops, created_at DESC, id DESC);
CREATE INDEX risk_warnings_state ON risk_warnings (state, created_at DESC, id DESC);

-- 近亲属备案 register: the relatives of case workers and village cadres, kept by the county.
CREATE TABLE staff_relatives (
  id                 bigserial   PRIMARY KEY,
  staff_user_id      text        NOT NULL,
  staff_name         text        NOT NULL,
  staff_org          text        NOT NULL,
  relative_id_number text        NOT NULL,
  relative_name      text,
  relation           text        NOT NULL,
  registered_by      text        NOT NULL,
  registered_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (staff_user_id, relative_id_number)
);
CREATE INDEX staff_relatives_relative ON staff_relatives (relative_id_number);

-- Every member of every application, by ID number: "is this person in another household's case"
-- is an index lookup rather than a scan of the forms. Filled by a statement trigger, so every way
-- of writing applications (the workflow, bulk loads, benchmarks) keeps it complete.
CREATE TABLE application_members (
  case_id   text NOT NULL REFERENCES applications (case_id),
  id_number text NOT NULL,
  name      text NOT NULL,
  PRIMARY KEY (case_id, id_number)
);
CREATE INDEX application_members_id ON application_members (id_number);

CREATE FUNCTION application_members_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO application_members (case_id, id_number, name)
  SELECT n.case_id, m->>'idNumber', m->>'name'
    FROM new_rows n, jsonb_array_elements(n.form->'household'->'members') AS m
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER applications_members AFTER INSERT ON applications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_members_fill();

INSERT INTO application_members (case_id, id_number, name)
SELECT a.case_id, m->>'idNumber', m->>'name'
  FROM applications a, jsonb_array_elements(a.form->'household'->'members') AS m
ON CONFLICT DO NOTHING;

-- The payee account of applications that have one (shared-account rule).
CREATE INDEX applications_payee_account ON applications ((form->'payee'->>'accountNumber'))
  WHERE form->'payee'->>'accountNumber' IS NOT NULL;

-- Death records by ID number (deceased-member rule).
CREATE INDEX registry_civil_affairs_deaths ON registry_civil_affairs (id_number) WHERE event = 'death';

-- Temporary-help payments of a household in the last months.
CREATE INDEX disbursements_program_case ON disbursements (program, case_id, decided_at);

-- The periodic sweep walks the active cases in id order.
CREATE INDEX cases_active_id ON cases (id) WHERE status = 'active';

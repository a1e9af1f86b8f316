-- Household economic check (家庭经济状况核对) runs, stored with the case. Each run is numbered per
-- case; a re-check (objection, retry of silent sources, periodic review) is a new run beside the
-- old ones, which are never changed once closed. Each source's answer is written the moment it
-- arrives, so a source that is down never costs the others' findings.

CREATE TABLE verification_runs (
  case_id          text        NOT NULL REFERENCES applications (case_id),
  run              integer     NOT NULL CHECK (run >= 1),
  -- The event that started the run: ACCEPT, OBJECT_TO_CHECK, RERUN_DATA_CHECK, TIMER:dataCheckRetry …
  trigger          text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('running', 'completed')),
  started_at       timestamptz NOT NULL,
  completed_at     timestamptz,
  complete         boolean,
  eligible         boolean,
  flagged          boolean,
  monthly_amount   numeric(12, 2),
  summary_zh       text,
  -- The whole report: per-source outcomes and the eligibility explanation (every rule, figure, source).
  report           jsonb,
  PRIMARY KEY (case_id, run)
);

CREATE TABLE verification_sources (
  case_id       text        NOT NULL,
  run           integer     NOT NULL,
  source_id     text        NOT NULL,
  status        text        NOT NULL CHECK (status IN ('answered', 'unavailable', 'refused')),
  answered_at   timestamptz,
  finding_count integer     NOT NULL DEFAULT 0,
  error_zh      text,
  PRIMARY KEY (case_id, run, source_id),
  FOREIGN KEY (case_id, run) REFERENCES verification_runs (case_id, run)
);

CREATE TABLE verification_findings (
  case_id           text    NOT NULL,
  run               integer NOT NULL,
  source_id         text    NOT NULL,
  -- The department's own record id: the same record twice in one run is stored once.
  reference         text    NOT NULL,
  member_id_number  text,
  kind              text    NOT NULL,
  category          text,
  amount            numeric(14, 2),
  count             integer,
  record_date       date,
  detail            text    NOT NULL,
  PRIMARY KEY (case_id, run, source_id, reference),
  FOREIGN KEY (case_id, run) REFERENCES verification_runs (case_id, run)
);

-- "Which households hold assets of this kind" and a member's history across cases.
CREATE INDEX verification_findings_member ON verification_findings (member_id_number);

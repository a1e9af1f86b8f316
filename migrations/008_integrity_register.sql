-- Integrity register (诚信档案): every application's integrity pledge (守信承诺), and the dishonesty
-- records (失信记录) that later applications of the household show to the reviewer.

CREATE TABLE pledges (
  case_id          text        PRIMARY KEY REFERENCES applications (case_id),
  signer_name      text        NOT NULL,
  signer_id_number text        NOT NULL,
  signed_at        timestamptz NOT NULL,
  recorded_by      text        NOT NULL
);
CREATE INDEX pledges_signer ON pledges (signer_id_number);

-- A record names the household's people (any of them applying again finds it), the case and the
-- reason, and what produced it: a data-check run's finding, a home visit's verdict, a fraud
-- decision, or a supervisor's manual entry. (case_id, source, source_ref) is its natural key, so
-- the activity that writes it may be retried. expires_at is computed from the county's
-- configuration when the record is made.
CREATE TABLE dishonesty_records (
  id                bigserial   PRIMARY KEY,
  case_id           text        REFERENCES applications (case_id),
  applicant_id_number text      NOT NULL,
  id_numbers        text[]      NOT NULL,
  county_code       text        NOT NULL,
  reason_zh         text        NOT NULL,
  source            text        NOT NULL CHECK (source IN ('dataCheck', 'homeVisit', 'fraudDecision', 'manual')),
  -- The event sequence or check run that produced it; for manual records a generated key.
  source_ref        text        NOT NULL,
  recorded_by       text        NOT NULL,
  created_at        timestamptz NOT NULL,
  expires_at        timestamptz NOT NULL,
  UNIQUE (case_id, source, source_ref)
);
CREATE INDEX dishonesty_records_people ON dishonesty_records USING gin (id_numbers);
CREATE INDEX dishonesty_records_created ON dishonesty_records (created_at DESC, id DESC);

-- 查询留痕: one row for every read of a household's personal data through the API — a case view,
-- a verification report, the integrity file (pledge), a household application, a referral, a bank
-- file — written before the response is sent (api/personalData.ts), so a read whose row could not be
-- written is refused rather than served unrecorded.
--
-- Who (user, role, org, department), what (kind and the case, household or cycle id), when, why
-- (purpose: required of supervisors), the request id when the gateway sent one, and whether values
-- were served in full or masked. Ids and codes only: never an ID number, phone or account (a purpose
-- quoting one is refused at the API).
--
-- scope_org is the division code the data belongs to (the case's or household's village, the
-- cycle's county): a supervisor's view lists the rows whose scope_org is under their org.
--
-- Append-only, like case_events: a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the
-- owner included; the app role is granted INSERT and SELECT only (migration 025). The id is an
-- identity column, so INSERT needs no privilege on a sequence.
CREATE TABLE access_log (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Milliseconds, as a JavaScript Date and so a page cursor hold them: the keyset compares exactly.
  read_at      timestamptz(3) NOT NULL DEFAULT now(),
  user_id      text        NOT NULL,
  role         text        NOT NULL,
  org          text        NOT NULL,
  department   text,
  kind         text        NOT NULL
    CHECK (kind IN ('caseView', 'verificationReport', 'integrity', 'household', 'referral', 'bankFile')),
  case_id      text,
  household_id text,
  cycle_id     text,
  scope_org    text        NOT NULL,
  purpose      text,
  request_id   text,
  served       text        NOT NULL CHECK (served IN ('full', 'masked')),
  -- Exactly one thing was read.
  CHECK (num_nonnulls(case_id, household_id, cycle_id) = 1)
);

-- The supervisor's view: under an org, newest first; and one case's reads.
CREATE INDEX access_log_scope ON access_log (scope_org text_pattern_ops, read_at DESC, id DESC);
CREATE INDEX access_log_case ON access_log (case_id, read_at DESC, id DESC) WHERE case_id IS NOT NULL;

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

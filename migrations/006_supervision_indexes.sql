-- Supervisor views (overdue, due soon, statistics) served from the read model at a million cases.
--
-- Orgs are administrative-division codes, so "cases under my org" is an equality on the county or
-- township column, or a prefix of the county code for a city or province supervisor. The active-case
-- indexes are partial (finished cases are the bulk of the table and never overdue) and carry the
-- columns the group counts read, so counting a county's overdue cases is an index-only scan.
CREATE INDEX cases_active_county_due ON cases (county_code text_pattern_ops, due_at, id)
  INCLUDE (township_code, step, program, submitted_at, accepted_at)
  WHERE status = 'active' AND due_at IS NOT NULL;
CREATE INDEX cases_active_township_due ON cases (township_code, due_at, id)
  INCLUDE (step, program, submitted_at, accepted_at)
  WHERE status = 'active' AND due_at IS NOT NULL;


-- Step durations come from the audit trail's step changes only (an event inside a step, such as a
-- data-check run, does not end it); covering them lets LEAD() over seq read the index alone.
CREATE INDEX case_events_step_changes ON case_events (case_id, seq) INCLUDE (to_state, occurred_at)
  WHERE from_state IS DISTINCT FROM to_state;

-- The overall legal limit (30 working days from acceptance) stops running at the decision, so the
-- workflow writes overall_due_at = NULL from then on. Whether a case was decided within the limit
-- needs the limit as it stood at the decision: overall_limit_at keeps the last overall due date the
-- case had, and decided_within_limit compares it with the decision.
ALTER TABLE cases ADD COLUMN overall_limit_at timestamptz;
ALTER TABLE cases ADD COLUMN decided_within_limit boolean
  GENERATED ALWAYS AS (decided_at <= overall_limit_at) STORED;
UPDATE cases SET overall_limit_at = overall_due_at WHERE overall_due_at IS NOT NULL;

-- Statistics take the cases submitted in a period under an org: by county (a township's query also
-- names its county), or by period alone for a city or province, filtering the county in the index.
-- Both cover every column the counts read (and the id the step durations join on), so no heap page
-- is visited.
CREATE INDEX cases_county_submitted ON cases (county_code text_pattern_ops, submitted_at)
  INCLUDE (id, township_code, village_code, program, status, step, due_at, decided_at, decided_within_limit);
CREATE INDEX cases_submitted_covering ON cases (submitted_at)
  INCLUDE (id, county_code, township_code, program, status, step, due_at, decided_at, decided_within_limit);

CREATE FUNCTION cases_keep_overall_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW.overall_limit_at := COALESCE(NEW.overall_due_at, OLD.overall_limit_at);
  ELSE
    NEW.overall_limit_at := COALESCE(NEW.overall_due_at, NEW.overall_limit_at);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER cases_overall_limit BEFORE INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_keep_overall_limit();

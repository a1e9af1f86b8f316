-- Step durations for the supervisors' statistics, kept as they happen instead of derived per request.
--
-- A stay in a step runs from the audit line that entered the step to the next line that changed the
-- step (an event inside a step, such as a data-check run, does not end it). Deriving the stays with
-- LEAD() over the audit trail at request time cost 0.6 s for a city's month and 5 s for its year at
-- a million cases; one row per finished stay, written when the next step change is appended, turns
-- the statistics into an index-only scan of the stays of the cases in the period, counted per bucket.
CREATE TABLE step_stays (
  case_id       text NOT NULL,
  -- The audit line that entered the step.
  seq           integer NOT NULL,
  program       text NOT NULL,
  county_code   text NOT NULL,
  township_code text NOT NULL,
  village_code  text NOT NULL,
  -- The case's submission, so the statistics take the same cases as their counts.
  submitted_at  timestamptz NOT NULL,
  step          text NOT NULL,
  entered_at    timestamptz NOT NULL,
  left_at       timestamptz NOT NULL,
  hours         double precision NOT NULL,
  -- The stay's length on a log scale in 1 % steps (bucket b holds lengths near e^(b/100) - 1 hours),
  -- so a percentile over a city's stays is a count per bucket instead of a sort of every stay.
  hours_bucket  smallint GENERATED ALWAYS AS (round(ln(1 + greatest(hours, 0)) * 100)) STORED,
  PRIMARY KEY (case_id, seq)
);
-- The same two shapes as the case indexes of migration 006: a county (or a prefix of county codes)
-- and a period, or a period alone with the county filtered in the index.
CREATE INDEX step_stays_county_submitted ON step_stays (county_code text_pattern_ops, submitted_at)
  INCLUDE (township_code, village_code, program, step, hours, hours_bucket);
CREATE INDEX step_stays_submitted ON step_stays (submitted_at)
  INCLUDE (county_code, township_code, village_code, program, step, hours, hours_bucket);

-- Runs after the statement, so a case row written in the same statement as its audit line is seen.
CREATE FUNCTION case_events_close_stay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO step_stays (case_id, seq, program, county_code, township_code, village_code, submitted_at, step,
                          entered_at, left_at, hours)
  SELECT e.case_id, e.seq, c.program, c.county_code, c.township_code, c.village_code, c.submitted_at, e.to_state, e.occurred_at,
         NEW.occurred_at, extract(epoch FROM NEW.occurred_at - e.occurred_at) / 3600
    FROM case_events e JOIN cases c ON c.id = e.case_id
   WHERE e.case_id = NEW.case_id AND e.seq < NEW.seq AND e.from_state IS DISTINCT FROM e.to_state
   ORDER BY e.seq DESC
   LIMIT 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER case_events_step_stay AFTER INSERT ON case_events
  FOR EACH ROW WHEN (NEW.from_state IS DISTINCT FROM NEW.to_state) EXECUTE FUNCTION case_events_close_stay();

-- Stays that ended before this migration.
INSERT INTO step_stays (case_id, seq, program, county_code, township_code, village_code, submitted_at, step,
                        entered_at, left_at, hours)
SELECT s.case_id, s.seq, c.program, c.county_code, c.township_code, c.village_code, c.submitted_at, s.to_state, s.occurred_at,
       s.left_at, extract(epoch FROM s.left_at - s.occurred_at) / 3600
  FROM (SELECT e.case_id, e.seq, e.to_state, e.occurred_at,
               LEAD(e.occurred_at) OVER (PARTITION BY e.case_id ORDER BY e.seq) AS left_at
          FROM case_events e
         WHERE e.from_state IS DISTINCT FROM e.to_state) s
  JOIN cases c ON c.id = s.case_id
 WHERE s.left_at IS NOT NULL;

-- Decoding Temporal payloads through the codec endpoint (the Temporal Web UI's "codec server")
-- shows a workflow's data in clear — names, ID numbers, accounts — so each decode is a read of
-- personal data and is logged like any other. The UI's request names no case (only the namespace),
-- so such a row carries no case, household or cycle id.
ALTER TABLE access_log DROP CONSTRAINT access_log_kind_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_kind_check CHECK (
  kind IN ('caseView', 'verificationReport', 'integrity', 'household', 'referral', 'bankFile', 'temporalPayloads')
);
ALTER TABLE access_log DROP CONSTRAINT access_log_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_one_subject CHECK (
  num_nonnulls(case_id, household_id, cycle_id) = CASE WHEN kind = 'temporalPayloads' THEN 0 ELSE 1 END
);

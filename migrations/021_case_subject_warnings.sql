-- A risk warning about one case's own decision — an amount set above what the rules give
-- (amountAboveComputed) — has the case itself as its subject, beside a person or an account.
ALTER TABLE risk_warnings DROP CONSTRAINT risk_warnings_subject_kind_check;
ALTER TABLE risk_warnings
  ADD CONSTRAINT risk_warnings_subject_kind CHECK (subject_kind IN ('person', 'account', 'case'));

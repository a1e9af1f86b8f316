-- A claimed task closes when its claimant decides, and the done list keeps who had claimed it. The
-- check of migration 005 tied claimed_by to the 'claimed' status both ways, so closing a claimed
-- task was refused and the claimant's decision could never be recorded (its record retried forever).
-- Now: a claimed task names its claimant, an open one names none, a done one keeps what it had.
ALTER TABLE tasks DROP CONSTRAINT tasks_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_claimant CHECK (
  CASE status WHEN 'claimed' THEN claimed_by IS NOT NULL WHEN 'open' THEN claimed_by IS NULL ELSE true END
);

-- Back pay (补发). A month an entitlement was owed but that its month's frozen roll did not hold
-- (approved after that freeze) is paid by a later cycle as a `backPay` line for that month; a month
-- paid at an amount a later decision raised gets the difference as a `difference` line. Each ledger
-- line is now identified by (entitlement, month, change_seq): 0 for the month's own payment, whether
-- its month's cycle paid it (`regular`) or a later one did (`backPay`), so a month is still paid once;
-- for a difference, the entitlement change (entitlement_changes.seq) whose amount it makes up, so
-- each raise is topped up once however often a freeze or build is retried, replayed or re-run.

ALTER TABLE payment_ledger
  ADD COLUMN kind text NOT NULL DEFAULT 'regular',
  ADD COLUMN change_seq integer NOT NULL DEFAULT 0;
ALTER TABLE payment_ledger
  ADD CONSTRAINT payment_ledger_kind_check CHECK (kind IN ('regular', 'backPay', 'difference')),
  ADD CONSTRAINT payment_ledger_difference_has_change CHECK ((kind = 'difference') = (change_seq > 0)),
  DROP CONSTRAINT payment_ledger_entitlement_id_period_key,
  ADD CONSTRAINT payment_ledger_line_key UNIQUE (entitlement_id, period, change_seq);

ALTER TABLE payment_roll ADD COLUMN change_seq integer NOT NULL DEFAULT 0;
ALTER TABLE payment_roll
  DROP CONSTRAINT payment_roll_kind_check,
  ADD CONSTRAINT payment_roll_kind_check CHECK (kind IN ('regular', 'retry', 'backPay', 'difference')),
  DROP CONSTRAINT payment_roll_pkey,
  ADD CONSTRAINT payment_roll_pkey PRIMARY KEY (cycle_id, entitlement_id, for_period, change_seq);

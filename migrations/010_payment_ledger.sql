-- Payments: entitlements, monthly payment cycles per county, their frozen rolls, and the ledger
-- that pays each entitlement at most once per month. The exactly-once guarantee is the ledger's
-- UNIQUE (entitlement_id, period): however often a cycle's workflow or activities are retried,
-- replayed or restarted, a month of an entitlement has one ledger row, and a retry after a failed
-- payment moves that same row to the next cycle rather than adding a second one.

-- What an approved case is owed: from the month after approval, until ended. Created idempotently
-- by the case workflow's disbursement activity (one per case). `schedule` lists the months and
-- amounts of help paid in stages or paid first (先行救助); monthly entitlements leave it null.
CREATE TABLE entitlements (
  id             bigserial PRIMARY KEY,
  case_id        text NOT NULL UNIQUE,
  program        text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('monthly', 'staged', 'helpFirst')),
  county_code    text NOT NULL CHECK (county_code ~ '^\d{6}$'),
  applicant_id   text NOT NULL,
  amount         numeric(12, 2) NOT NULL CHECK (amount > 0),
  start_period   text NOT NULL CHECK (start_period ~ '^\d{4}-\d{2}$'),
  end_period     text CHECK (end_period ~ '^\d{4}-\d{2}$'),
  schedule       jsonb,
  -- {holderName, bankName, accountNumber}; null until the household gives an account.
  payee          jsonb,
  fund_code      text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
  -- Bumped by every edit; the roll keeps the version it froze.
  version        integer NOT NULL DEFAULT 1,
  decided_at     timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entitlements_county_active ON entitlements (county_code, start_period) WHERE status = 'active';

-- One cycle per county and month; its id is its workflow id.
CREATE TABLE payment_cycles (
  id            text PRIMARY KEY,
  county_code   text NOT NULL,
  period        text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  state         text NOT NULL,
  preparer      text,
  approver      text,
  rules         jsonb NOT NULL,
  -- Set by the step that did the work, in the same transaction: a retried step sees it and stops.
  frozen_at     timestamptz,
  built_at      timestamptz,
  exported_at   timestamptz,
  reconciled_at timestamptz,
  batch_summary jsonb,
  version       integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, period),
  CHECK (approver IS NULL OR approver <> preparer)
);

-- The roll as frozen: amount, payee and fund of each line at freeze time, never updated.
CREATE TABLE payment_roll (
  cycle_id            text NOT NULL REFERENCES payment_cycles (id),
  entitlement_id      bigint NOT NULL REFERENCES entitlements (id),
  for_period          text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('regular', 'retry')),
  case_id             text NOT NULL,
  program             text NOT NULL,
  fund_code           text NOT NULL,
  amount              numeric(12, 2) NOT NULL,
  payee               jsonb,
  entitlement_version integer NOT NULL,
  PRIMARY KEY (cycle_id, entitlement_id, for_period)
);

CREATE TABLE payment_ledger (
  id              bigserial PRIMARY KEY,
  entitlement_id  bigint NOT NULL REFERENCES entitlements (id),
  -- The month paid for.
  period          text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  -- The cycle carrying the payment now (a retry moves it), and that cycle's month (cash month).
  cycle_id        text NOT NULL REFERENCES payment_cycles (id),
  cycle_period    text NOT NULL,
  county_code     text NOT NULL,
  program         text NOT NULL,
  fund_code       text NOT NULL,
  amount          numeric(12, 2) NOT NULL CHECK (amount > 0),
  payee           jsonb,
  status          text NOT NULL CHECK (status IN ('scheduled', 'exported', 'paid', 'failed')),
  attempt         integer NOT NULL DEFAULT 1,
  line_no         integer,
  bank_reference  text,
  failure_reason  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entitlement_id, period)
);
CREATE INDEX payment_ledger_cycle ON payment_ledger (cycle_id, line_no);
CREATE INDEX payment_ledger_spending ON payment_ledger (county_code, cycle_period, fund_code, program) WHERE status = 'paid';

-- Failed lines waiting for a later cycle. Claimed by exactly one cycle's freeze (consumed_by).
CREATE TABLE payment_retries (
  ledger_id       bigint NOT NULL REFERENCES payment_ledger (id),
  attempt         integer NOT NULL,
  entitlement_id  bigint NOT NULL,
  period          text NOT NULL,
  county_code     text NOT NULL,
  failed_in_cycle text NOT NULL REFERENCES payment_cycles (id),
  failure_reason  text NOT NULL,
  -- The first cycle month it may be paid in again.
  due_period      text NOT NULL,
  consumed_by     text REFERENCES payment_cycles (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, attempt)
);
CREATE INDEX payment_retries_open ON payment_retries (county_code, due_period) WHERE consumed_by IS NULL;

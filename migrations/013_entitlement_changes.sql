-- What a re-check changes in an entitlement, from a payment month on (动态管理): a new amount, a
-- phase-out (paid up to a last month) or a stop. One row per decision, keyed by the case event that
-- made it, so the case workflow's retried activity records it once. A change applies to months not
-- yet frozen: a cycle's roll takes, for its month, the latest change at or before that month (and the
-- approved amount before any), so a reduction decided in March for April never touches March.
CREATE TABLE entitlement_changes (
  case_id        text NOT NULL,
  seq            integer NOT NULL,
  entitlement_id bigint NOT NULL REFERENCES entitlements (id),
  kind           text NOT NULL CHECK (kind IN ('amount', 'phaseOut', 'stop')),
  from_period    text NOT NULL CHECK (from_period ~ '^\d{4}-\d{2}$'),
  amount         numeric(12, 2) CHECK (amount > 0),
  last_period    text CHECK (last_period ~ '^\d{4}-\d{2}$'),
  ground         text NOT NULL,
  decided_at     timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq),
  CHECK ((kind = 'stop') = (amount IS NULL))
);
-- The amount a cycle pays for a month: the latest change at or before it.
CREATE INDEX entitlement_changes_amounts ON entitlement_changes (entitlement_id, from_period DESC, seq DESC)
  INCLUDE (amount) WHERE amount IS NOT NULL;

-- Scheduled help (stages, help paid first): a freeze takes each stage due by its month that no roll
-- holds yet, so it asks the roll by entitlement and month.
CREATE INDEX payment_roll_entitlement_period ON payment_roll (entitlement_id, for_period);

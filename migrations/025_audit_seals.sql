-- Audit anchoring: signed seals of the audit chain heads (db/auditSealer.ts writes them,
-- db/auditSealCheck.ts checks the newest; docs/security.md, "Audit anchoring").
--
-- A hash chain alone cannot show that a case's newest rows were deleted, or that someone with
-- write access rewrote a row and recomputed every hash after it. A seal records, for every case,
-- the chain position and hash of its newest row at sealing time, and signs a digest over all of
-- them with an Ed25519 key held by the sealer only (not in this database, not readable by the app).
-- A later chain that ends before a sealed position, or differs at one, no longer matches.
--
-- Why heads per seal only for the cases that changed: a seal every few minutes over every case
-- would write the whole case list each time. A case's sealed head is its row in the newest seal
-- that has one; the signed digest covers that whole map, so a head row removed or altered here
-- changes the map and no longer matches the signature.

CREATE TABLE audit_seals (
  id            bigserial PRIMARY KEY,
  -- Signed as text (UTC, microseconds), as db/auditSealStatement.ts reads it back.
  sealed_at     timestamptz NOT NULL,
  -- sha256 of the public key (SPKI DER), first 16 hex digits: which trusted key verifies it.
  key_id        text NOT NULL,
  -- Cases in the sealed map (all sealed so far), and how many heads this seal added to it.
  case_count    integer NOT NULL CHECK (case_count >= 0),
  changed_count integer NOT NULL CHECK (changed_count >= 0),
  heads_digest  bytea NOT NULL CHECK (octet_length(heads_digest) = 32),
  signature     bytea NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_seal_heads (
  -- Deferred: the sealer writes the heads first and the seal, whose digest covers them, last.
  seal_id   bigint NOT NULL REFERENCES audit_seals (id) DEFERRABLE INITIALLY DEFERRED,
  case_id   text NOT NULL,
  chain_pos integer NOT NULL CHECK (chain_pos >= 0),
  seq       integer NOT NULL,
  head_hash bytea NOT NULL CHECK (octet_length(head_hash) = 32),
  PRIMARY KEY (seal_id, case_id)
);
-- A case's newest sealed head: DISTINCT ON (case_id) … ORDER BY case_id, seal_id DESC.
CREATE INDEX audit_seal_heads_case ON audit_seal_heads (case_id, seal_id DESC);

-- Append-only, like case_events: neither seals nor their heads change once written. Only the app's
-- privileges (db/grants.ts) make that binding; the triggers stop an owner's mistakes too, and
-- TRUNCATE, which row triggers do not see, is refused on the audit trail as well.
CREATE FUNCTION append_only_refusal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION append_only_refusal();
CREATE TRIGGER audit_seal_heads_no_update BEFORE UPDATE OR DELETE ON audit_seal_heads
  FOR EACH ROW EXECUTE FUNCTION append_only_refusal();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refusal();
CREATE TRIGGER audit_seal_heads_no_truncate BEFORE TRUNCATE ON audit_seal_heads
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refusal();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refusal();

-- The chain trigger locks the case's last row (SELECT … FOR UPDATE) so that writes of one case
-- queue up; FOR UPDATE needs the UPDATE privilege, which the app role must not have on the audit
-- trail. So the trigger runs as its owner. It reads only case_events and computes the hash; the
-- search_path is pinned so that no object of the caller's can stand in for one it calls.
ALTER FUNCTION case_events_chain() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;

-- Tamper-evident audit trail: every case_events row carries chain_hash = sha256 over its own
-- content and the chain_hash of the row recorded before it in the same case, and chain_pos, its
-- place in that case's chain (0, 1, 2, … in the order rows were recorded). Editing a row, or
-- deleting one, breaks the chain from that row on; `npm run audit:verify` recomputes it.
--
-- Why one chain per case and not one for the whole table: events of different cases are written
-- concurrently by independent workflows; a global chain would serialise every write on one tail.
--
-- Why the order of recording and not seq - 1: a workflow may run two records of one case side by
-- side (a decision arriving while the data check's record is still in flight), so seq n+1 can be
-- written before seq n. Chaining to (case_id, seq - 1) would have to refuse that row and make the
-- activity retry until seq n lands (and wait forever if it never does). Instead each insert locks
-- the case's last row, so writes of one case queue up (writes of different cases do not), and
-- links to whatever row of the case was recorded last. seq stays in the hashed content, so the
-- chain still proves which event each row is. UNIQUE (case_id, chain_pos) makes a fork impossible
-- even for a writer the lock does not order (e.g. one on a REPEATABLE READ snapshot): it fails.
--
-- Why in SQL, in a BEFORE INSERT trigger: the hash is computed in the same statement that inserts
-- the row (the activities send the audit line with the case row as one statement), so no code
-- path can write a row without it, and the previous hash is read by the database that holds it.
-- PostgreSQL's built-in sha256() (since 11) is used rather than pgcrypto's digest(): same
-- function, no extension to install or grant.
--
-- Canonical content (version 1): each field as a netstring `<octets>:<utf-8 text>,`, NULL as `~,`,
-- in this order: 'v1', case_id, seq, actor_user, actor_role, actor_org, event, from_state,
-- to_state, comment, payload::text (jsonb's text form is canonical: keys sorted, whitespace fixed),
-- occurred_at in UTC as YYYY-MM-DDTHH:MI:SS.ffffffZ (independent of the session's TimeZone), and
-- the previous row's hash in hex (NULL for the first row). Length prefixes make it unambiguous
-- whatever the fields contain; db/auditChain.ts builds the same bytes in Node to verify
-- independently.
--
-- What it does not do: a chain without an outside anchor cannot show that the newest rows of a
-- case were removed, or that someone with DDL rights rewrote a whole chain. Publishing the head
-- hashes elsewhere (a daily digest) closes that gap; the verifier prints a digest of them for that.

-- AT TIME ZONE 'UTC' with a literal zone and a purely numeric pattern: the same text in every session.
CREATE FUNCTION case_event_instant(instant timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(instant AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

CREATE FUNCTION case_event_field(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN value IS NULL THEN '~,' ELSE octet_length(value)::text || ':' || value || ',' END;

CREATE FUNCTION case_event_hash(
  case_id text, seq integer, actor_user text, actor_role text, actor_org text, event text,
  from_state text, to_state text, comment text, payload jsonb, occurred_at timestamptz, prev_hash bytea
) RETURNS bytea
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN sha256(convert_to(
    case_event_field('v1') || case_event_field(case_id) || case_event_field(seq::text)
      || case_event_field(actor_user) || case_event_field(actor_role) || case_event_field(actor_org)
      || case_event_field(event) || case_event_field(from_state) || case_event_field(to_state)
      || case_event_field(comment) || case_event_field(payload::text)
      || case_event_field(case_event_instant(occurred_at)) || case_event_field(encode(prev_hash, 'hex')),
    'UTF8'));

ALTER TABLE case_events ADD COLUMN chain_pos integer, ADD COLUMN chain_hash bytea;

-- Backfill rows written before this migration, case by case in seq order (the best record of their
-- order there is), each from the hash just computed for its predecessor. The append-only trigger
-- is off for this transaction's UPDATEs only (the migration runs in one transaction that holds the
-- table's exclusive lock from the ALTER TABLE on).
ALTER TABLE case_events DISABLE TRIGGER case_events_no_update;
DO $$
DECLARE
  r record;
  prev_case text := NULL;
  pos integer := 0;
  prev bytea := NULL;
BEGIN
  FOR r IN SELECT * FROM case_events ORDER BY case_id, seq LOOP
    IF prev_case IS DISTINCT FROM r.case_id THEN
      prev := NULL;
      pos := 0;
      prev_case := r.case_id;
    END IF;
    prev := case_event_hash(r.case_id, r.seq, r.actor_user, r.actor_role, r.actor_org, r.event, r.from_state,
                            r.to_state, r.comment, r.payload, r.occurred_at, prev);
    UPDATE case_events SET chain_pos = pos, chain_hash = prev WHERE id = r.id;
    pos := pos + 1;
  END LOOP;
END;
$$;
ALTER TABLE case_events ENABLE TRIGGER case_events_no_update;
ALTER TABLE case_events ALTER COLUMN chain_pos SET NOT NULL, ALTER COLUMN chain_hash SET NOT NULL,
  ADD CONSTRAINT case_events_chain_pos UNIQUE (case_id, chain_pos);

CREATE FUNCTION case_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev_pos integer := NULL;
  prev bytea := NULL;
  prev_xmin xid := NULL;
BEGIN
  SELECT chain_pos, chain_hash, xmin INTO prev_pos, prev, prev_xmin
    FROM case_events WHERE case_id = NEW.case_id ORDER BY chain_pos DESC LIMIT 1;
  -- Fast path for loads of many rows per case in one transaction: when this transaction wrote the
  -- case's last row, it already holds whatever lock orders this case, and nobody else can see it.
  IF prev_xmin IS DISTINCT FROM pg_current_xact_id()::xid THEN
    -- Lock the case's last row, so the next write of this case waits until this one commits.
    -- After a wait the locked row may no longer be the last (the writer we waited for added one),
    -- so look again until it is: READ COMMITTED takes a new snapshot for each query of a volatile
    -- function. A row lock rather than an advisory lock: nothing accumulates in the shared lock
    -- table, so one transaction may load the rows of a million cases. The first row of a case has
    -- nothing to lock; two writers racing for it are settled by UNIQUE (case_id, chain_pos): one
    -- fails and retries.
    LOOP
      SELECT chain_pos, chain_hash INTO prev_pos, prev
        FROM case_events WHERE case_id = NEW.case_id ORDER BY chain_pos DESC LIMIT 1 FOR UPDATE;
      EXIT WHEN prev_pos IS NULL
        OR NOT EXISTS (SELECT 1 FROM case_events WHERE case_id = NEW.case_id AND chain_pos > prev_pos);
    END LOOP;
  END IF;
  -- Whatever the caller sent, position and hash are the ones worked out here.
  NEW.chain_pos := COALESCE(prev_pos + 1, 0);
  NEW.chain_hash := case_event_hash(NEW.case_id, NEW.seq, NEW.actor_user, NEW.actor_role, NEW.actor_org,
                                    NEW.event, NEW.from_state, NEW.to_state, NEW.comment, NEW.payload,
                                    NEW.occurred_at, prev);
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_events_chain BEFORE INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_chain();

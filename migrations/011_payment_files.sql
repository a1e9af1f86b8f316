-- The files a cycle exchanges with the bank, kept in the database so they can be fetched again
-- and compared with what the bank received. One payment file per cycle; a return file is keyed
-- by its content hash, so recording the same file twice applies it once.

CREATE TABLE payment_files (
  id          bigserial PRIMARY KEY,
  cycle_id    text NOT NULL REFERENCES payment_cycles (id),
  kind        text NOT NULL CHECK (kind IN ('payment', 'return')),
  layout      text NOT NULL,
  sha256      text NOT NULL,
  lines       integer NOT NULL,
  content     text NOT NULL,
  summary     jsonb,
  recorded_by text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_id, kind, sha256)
);
CREATE UNIQUE INDEX payment_files_one_payment_file ON payment_files (cycle_id) WHERE kind = 'payment';

-- Work lists (human tasks): one row per step that waits for people, per candidate role and org.
-- Opened and closed by the case workflow's own transition records (in the same statement as the
-- audit line), so a task list never disagrees with the case. Claiming is optimistic: every change
-- bumps `version`, and a change that names a stale version changes nothing.

CREATE TABLE tasks (
  id             bigserial   PRIMARY KEY,
  case_id        text        NOT NULL REFERENCES applications (case_id),
  -- The waiting step's path in the chart (e.g. investigation.homeVisit.pending) and its label.
  step           text        NOT NULL,
  step_label_zh  text        NOT NULL,
  candidate_role text        NOT NULL,
  candidate_org  text        NOT NULL,
  due_at         timestamptz,
  status         text        NOT NULL CHECK (status IN ('open', 'claimed', 'done')),
  claimed_by     text,
  claimed_at     timestamptz,
  -- The event sequence that opened the task and the one that closed it (who acted, when).
  opened_seq     integer     NOT NULL,
  opened_at      timestamptz NOT NULL,
  closed_seq     integer,
  closed_at      timestamptz,
  closed_by      text,
  closed_by_role text,
  version        integer     NOT NULL DEFAULT 0,
  CHECK ((status = 'claimed') = (claimed_by IS NOT NULL)),
  UNIQUE (case_id, step, candidate_role, opened_seq)
);
-- One live task per case, step and role: a retried record never opens a second.
CREATE UNIQUE INDEX tasks_live ON tasks (case_id, step, candidate_role) WHERE status IN ('open', 'claimed');
-- To-do lists: what waits for a role at an org, oldest due first; what a person has claimed.
CREATE INDEX tasks_todo ON tasks (candidate_role, candidate_org, due_at, id) WHERE status = 'open';
CREATE INDEX tasks_claimed ON tasks (claimed_by, due_at, id) WHERE status = 'claimed';
-- Done lists: what a person completed, newest first.
CREATE INDEX tasks_done ON tasks (closed_by, candidate_org, id DESC) WHERE status = 'done';

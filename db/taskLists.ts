/**
 * The work lists as the console reads them: 待办/可认领 (open for the person's role at their org,
 * or claimed by them) and 已办 (closed by them in that post), narrowed by program, step, township and
 * due state, in one of four orders, keyset-paginated on (sort key, id) so a page never repeats or
 * skips a row even where many tasks share a date. The facets count the whole list, unfiltered.
 */
import type { Pool } from 'pg';
import type { Person, RawTask, TaskRow } from './taskQueries';
import { SELECT_TASK, toTask } from './taskQueries';

export type TaskListKind = 'todo' | 'claimable' | 'mine' | 'done';
export type TaskOrder = 'openedAt' | '-openedAt' | 'dueAt' | '-dueAt';

export interface TaskListFilter {
  list: TaskListKind;
  /** The case-id prefix of one program (`DB`). */
  casePrefix?: string;
  step?: string;
  township?: string;
  /** overdue: due before now; dueSoon: due between now and `until`. Open and claimed tasks only. */
  due?: { kind: 'overdue' } | { kind: 'dueSoon'; until: Date };
  sort: TaskOrder;
  /** The last row of the previous page: its sort key (null: no due date) and id. */
  after?: { at: string | null; id: number };
  limit: number;
}

/**
 * Each order's key and direction. A missing due date sorts as ±infinity so it comes last both ways;
 * keys are cut to milliseconds, the precision a cursor (a JavaScript instant) carries back.
 */
const ORDERS: Record<TaskOrder, { key: string; direction: 'ASC' | 'DESC'; none: string }> = {
  openedAt: { key: `date_trunc('milliseconds', t.opened_at)`, direction: 'ASC', none: 'infinity' },
  '-openedAt': { key: `date_trunc('milliseconds', t.opened_at)`, direction: 'DESC', none: '-infinity' },
  dueAt: { key: `date_trunc('milliseconds', COALESCE(t.due_at, 'infinity'))`, direction: 'ASC', none: 'infinity' },
  '-dueAt': {
    key: `date_trunc('milliseconds', COALESCE(t.due_at, '-infinity'))`,
    direction: 'DESC',
    none: '-infinity',
  },
};

/**
 * Which tasks are the person's list at all ($1 role, $2 org, $3 user id). Each form names all three,
 * so PostgreSQL can type every parameter.
 */
function listCondition(list: TaskListKind): string {
  if (list === 'done') {
    return `t.status = 'done' AND t.closed_by = $3 AND t.closed_by_role = $1 AND t.candidate_org = $2`;
  }
  const only = { todo: '', claimable: ` AND t.status = 'open'`, mine: ` AND t.status = 'claimed'` }[list];
  return `((t.status = 'open' AND t.candidate_role = $1 AND t.candidate_org = $2)
           OR (t.status = 'claimed' AND t.claimed_by = $3 AND t.candidate_role = $1))${only}`;
}

/** One page (ask for `limit + 1` to learn whether another follows). */
export async function listTasks(pool: Pool, person: Person, filter: TaskListFilter): Promise<TaskRow[]> {
  const order = ORDERS[filter.sort];
  const compare = order.direction === 'ASC' ? '>' : '<';
  const { rows } = await pool.query<RawTask>(
    `${SELECT_TASK}
      WHERE ${listCondition(filter.list)}
        AND ($4::text IS NULL OR t.case_id LIKE $4 || '-%')
        AND ($5::text IS NULL OR t.step = $5)
        AND ($6::text IS NULL OR COALESCE(a.township_code, left(t.candidate_org, 9)) = $6)
        AND ($7::text IS NULL OR (t.status <> 'done' AND t.due_at IS NOT NULL AND CASE $7
              WHEN 'overdue' THEN t.due_at < now()
              ELSE t.due_at >= now() AND t.due_at <= $8::timestamptz END))
        AND ($10::bigint IS NULL OR (${order.key}, t.id) ${compare} (COALESCE($9::timestamptz, '${order.none}'), $10))
      ORDER BY ${order.key} ${order.direction}, t.id ${order.direction}
      LIMIT $11`,
    [
      person.role,
      person.org,
      person.userId,
      filter.casePrefix ?? null,
      filter.step ?? null,
      filter.township ?? null,
      filter.due?.kind ?? null,
      filter.due?.kind === 'dueSoon' ? filter.due.until : null,
      filter.after?.at ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ]
  );
  return rows.map(toTask);
}

export interface TaskListCount {
  casePrefix: string;
  step: string;
  stepLabelZh: string;
  count: number;
}

/** How many tasks of the list each program (case prefix) and step holds: what the filters can offer. */
export async function countTaskList(pool: Pool, person: Person, list: TaskListKind): Promise<TaskListCount[]> {
  const { rows } = await pool.query<{ prefix: string; step: string; step_label_zh: string; count: string }>(
    `SELECT split_part(t.case_id, '-', 1) AS prefix, t.step, min(t.step_label_zh) AS step_label_zh, count(*) AS count
       FROM tasks t
      WHERE ${listCondition(list)}
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    [person.role, person.org, person.userId]
  );
  return rows.map((r) => ({
    casePrefix: r.prefix,
    step: r.step,
    stepLabelZh: r.step_label_zh,
    count: Number(r.count),
  }));
}

/**
 * Supervisor views from the PostgreSQL read model: active cases past or near their due date, and
 * statistics over a period. Who may look: supervisors, for any org under their own; county
 * approvers, for their own county (they answer for its data checks and decisions). Window, village
 * and township staff work from their own lists and get 403 here.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { currentDefinition, programDefinitions } from '../../definitions';
import { calendarFor } from '../../definitions/calendar';
import type { StepLimit } from '../../definitions/engine/stepLimits';
import { stepLabelsZh, stepLimits } from '../../definitions/engine/stepLimits';
import { terminatedStep } from '../stuckCases/schemas';
import type { RulesWithDeadlines } from '../../definitions/shared/programDefinition';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import type { DueCase, DueFilter, DueGroup, DueGroupBy } from '../../db/supervisionQueries';
import { countDueCases, listDueCases, supervisionStats } from '../../db/supervisionQueries';
import type { ActionName } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { supervisionRoutes } from './routes';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import type { DueListQuery, DueSoonQuery, StatsPrograms } from './schemas';
import {
  dueSoonQuerySchema,
  dueSoonUntil,
  duePaging,
  overdueQuerySchema,
  statsAnswer,
  statsPeriod,
  statsQuerySchema,
} from './schemas';
import { parseOrThrow } from '../http/validation';

/** The org a view is for: the one asked for (default: the caller's), once the policy allows it. */
function scopedOrg(caller: Caller, action: ActionName, requested: string | undefined): string {
  const org = requested ?? caller.org;
  authorizeOn(caller, action, { org });
  return org;
}

/** One page of the overdue or due-soon list, with the counts of every match. */
export interface DuePage {
  total: number;
  groupBy: DueGroupBy | null;
  groups: DueGroup[] | null;
  items: DueCase[];
  nextCursor: string | null;
}
export type OverdueAnswer = DuePage & { asOf: string };
export type DueSoonAnswer = DuePage & { asOf: string; within: DueSoonQuery['within']; until: string };

export interface SupervisionDependencies {
  pool: Pool;
  /** A deployment's own rules entries (RULES_FILE), so the limits shown are the ones cases run on. */
  extraConfigEntries?: readonly ConfigEntry[];
}

export function supervisionRouter({ pool, extraConfigEntries = [] }: SupervisionDependencies): Router {
  const router = Router();

  async function dueList(filter: DueFilter, groupBy: DueGroupBy | undefined, limit: number): Promise<DuePage> {
    const [rows, counts] = await Promise.all([
      listDueCases(pool, { ...filter, limit: limit + 1 }),
      countDueCases(pool, filter, groupBy),
    ]);
    return {
      total: counts.total,
      groupBy: groupBy ?? null,
      groups: counts.groups,
      ...duePaging.page(rows, limit, ({ dueAt, id }) => ({ dueAt, id })),
    };
  }

  function filterOf(query: DueListQuery, org: string, window: DueFilter['window']): DueFilter {
    return {
      org,
      window,
      program: query.program,
      step: query.step,
      township: query.township,
      minAgeDays: query.minAgeDays,
      maxAgeDays: query.maxAgeDays,
      ageFrom: query.ageFrom,
      limit: query.limit,
      after: duePaging.after(query.cursor),
    };
  }

  serve(router, supervisionRoutes.overdue, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(overdueQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.overdue', query.org);
    const asOf = new Date().toISOString();
    const filter = filterOf(query, org, { kind: 'overdue', asOf });
    const answer: OverdueAnswer = { asOf, ...(await dueList(filter, query.groupBy, query.limit)) };
    res.json(answer);
  });

  serve(router, supervisionRoutes.dueSoon, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(dueSoonQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.dueSoon', query.org);
    const now = new Date();
    const asOf = now.toISOString();
    // Counties follow the national calendar, so one calendar serves any org.
    const until = dueSoonUntil(now, query.within, calendarFor(org)).toISOString();
    const filter = filterOf(query, org, { kind: 'dueSoon', asOf, until });
    const answer: DueSoonAnswer = {
      asOf,
      within: query.within,
      until,
      ...(await dueList(filter, query.groupBy, query.limit)),
    };
    res.json(answer);
  });

  serve(router, supervisionRoutes.stats, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(statsQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.stats', query.org);
    const period = statsPeriod(query, new Date());
    const stats = await supervisionStats(pool, { org, from: period.start, to: period.end });
    res.json(statsAnswer(org, period, stats, programsFor(org, period.to, extraConfigEntries)));
  });

  return router;
}

/**
 * Each program's name, and its steps' names and limits in force for the org on the period's last
 * day. A province or city gets the national and provincial figures; a county may set its own, which
 * the county's query shows.
 */
function programsFor(org: string, onDate: string, extraConfigEntries: readonly ConfigEntry[]): StatsPrograms {
  const out: StatsPrograms = {};
  for (const definition of programDefinitions) {
    const current = currentDefinition(definition.program) ?? definition;
    let limits: Record<string, StepLimit[]> = {};
    try {
      const rules = resolveRules(
        [...current.configEntries, ...extraConfigEntries],
        current.rulesSchema,
        current.program,
        org.slice(0, 6),
        onDate
      ) as RulesWithDeadlines;
      limits = stepLimits(current.machine, rules);
    } catch {
      // Rules not in force on that date (a period before the program existed): no limits to show.
    }
    const labels = { ...stepLabelsZh(current.machine), [terminatedStep.step]: terminatedStep.labelZh };
    out[current.program] = {
      labelZh: current.labelZh,
      steps: Object.fromEntries(
        Object.entries(labels).map(([step, labelZh]) => [step, { labelZh, limits: limits[step] ?? [] }])
      ),
    };
  }
  return out;
}

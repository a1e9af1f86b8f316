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
import { stepLimits } from '../../definitions/engine/stepLimits';
import type { RulesWithDeadlines } from '../../definitions/shared/programDefinition';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import type { DueFilter, DueGroupBy } from '../../db/supervisionQueries';
import { countDueCases, listDueCases, supervisionStats } from '../../db/supervisionQueries';
import type { ActionName } from '../../definitions/access';
import { authorize, authorizeOn } from '../authorize';
import { ValidationFailed } from '../errors';
import type { Caller } from '../identity';
import { callerOf } from '../identity';
import type { DueListQuery } from '../supervisionSchemas';
import {
  decodeDueCursor,
  dueSoonQuerySchema,
  dueSoonUntil,
  encodeDueCursor,
  overdueQuerySchema,
  share,
  statsPeriod,
  statsQuerySchema,
} from '../supervisionSchemas';
import { parseOrThrow } from '../validation';

/** The org a view is for: the one asked for (default: the caller's), once the policy allows it. */
function scopedOrg(caller: Caller, action: ActionName, requested: string | undefined): string {
  const org = requested ?? caller.org;
  authorizeOn(caller, action, { org });
  return org;
}

function cursorOf(query: DueListQuery): DueFilter['after'] {
  if (query.cursor === undefined) return undefined;
  const after = decodeDueCursor(query.cursor);
  if (after === undefined) {
    throw new ValidationFailed('分页游标无效，请从第一页重新查询', [{ path: 'query.cursor', message: '无效的游标' }]);
  }
  return after;
}

export interface SupervisionDependencies {
  pool: Pool;
  /** A deployment's own rules entries (RULES_FILE), so the limits shown are the ones cases run on. */
  extraConfigEntries?: readonly ConfigEntry[];
}

export function supervisionRouter({ pool, extraConfigEntries = [] }: SupervisionDependencies): Router {
  const router = Router();

  async function dueList(filter: DueFilter, groupBy: DueGroupBy | undefined, limit: number) {
    const [rows, counts] = await Promise.all([
      listDueCases(pool, { ...filter, limit: limit + 1 }),
      countDueCases(pool, filter, groupBy),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      total: counts.total,
      groupBy: groupBy ?? null,
      groups: counts.groups,
      items,
      nextCursor: rows.length > limit && last ? encodeDueCursor({ dueAt: last.dueAt, id: last.id }) : null,
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
      after: cursorOf(query),
    };
  }

  router.get('/supervision/overdue', authorize('supervision.overdue'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(overdueQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.overdue', query.org);
    const asOf = new Date().toISOString();
    const filter = filterOf(query, org, { kind: 'overdue', asOf });
    res.json({ asOf, ...(await dueList(filter, query.groupBy, query.limit)) });
  });

  router.get('/supervision/due-soon', authorize('supervision.dueSoon'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(dueSoonQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.dueSoon', query.org);
    const now = new Date();
    const asOf = now.toISOString();
    // Counties follow the national calendar, so one calendar serves any org.
    const until = dueSoonUntil(now, query.within, calendarFor(org)).toISOString();
    const filter = filterOf(query, org, { kind: 'dueSoon', asOf, until });
    res.json({ asOf, within: query.within, until, ...(await dueList(filter, query.groupBy, query.limit)) });
  });

  router.get('/supervision/stats', authorize('supervision.stats'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(statsQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, 'supervision.stats', query.org);
    const period = statsPeriod(query, new Date());
    const stats = await supervisionStats(pool, { org, from: period.start, to: period.end });
    const limits = limitsFor(org, period.to, extraConfigEntries);
    const outcome = <T extends { decided: number; decidedWithinLimit: number }>(o: T) => ({
      ...o,
      withinLimitShare: share(o.decidedWithinLimit, o.decided),
    });
    const decided = stats.byCounty.reduce((n, c) => n + c.decided, 0);
    const within = stats.byCounty.reduce((n, c) => n + c.decidedWithinLimit, 0);
    res.json({
      org,
      period: { from: period.from, to: period.to, basis: 'submittedAt' },
      byState: stats.byState,
      steps: stats.steps.map((s) => ({ ...s, limits: limits[s.program]?.[s.step] ?? [] })),
      overall: { decided, decidedWithinLimit: within, withinLimitShare: share(within, decided) },
      byCounty: stats.byCounty.map(outcome),
      byTownship: stats.byTownship.map(outcome),
    });
  });

  return router;
}

/**
 * Each program's step limits in force for the org on the period's last day. A province or city
 * gets the national and provincial figures; a county may set its own, which the county's query shows.
 */
function limitsFor(
  org: string,
  onDate: string,
  extraConfigEntries: readonly ConfigEntry[]
): Record<string, Record<string, StepLimit[]>> {
  const out: Record<string, Record<string, StepLimit[]>> = {};
  for (const definition of programDefinitions) {
    const current = currentDefinition(definition.program) ?? definition;
    try {
      const rules = resolveRules(
        [...current.configEntries, ...extraConfigEntries],
        current.rulesSchema,
        current.program,
        org.slice(0, 6),
        onDate
      ) as RulesWithDeadlines;
      out[current.program] = stepLimits(current.machine, rules);
    } catch {
      // Rules not in force on that date (a period before the program existed): no limits to show.
      out[current.program] = {};
    }
  }
  return out;
}

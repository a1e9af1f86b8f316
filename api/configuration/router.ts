/**
 * The installation's configuration as it is in force, read-only: a program's figures for a county
 * with their provenance (`GET /api/rules`), and the working-day calendar with its 调休 days
 * (`GET /api/calendar`). Both change only through the rules file or the calendar directory and a
 * restart; these routes show what the running API loaded.
 */
import { Router } from 'express';
import type { CalendarYear } from '../../definitions/calendar';
import { chinaDate, nationalCalendarYears } from '../../definitions/calendar';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import type { RulesOrigin } from '../../definitions/shared/rulesProvenance';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { configurationRoutes } from './routes';
import { callerOf } from '../http/identity';
import { rulesInForce, rulesQuerySchema } from './rulesInForce';
import { parseOrThrow } from '../http/validation';

/** `GET /api/calendar`: every year the clocks know, each marked built in or loaded from CALENDAR_DIR. */
export interface CalendarAnswer {
  years: (CalendarYear & { origin: RulesOrigin })[];
}

export function calendarAnswer(loaded: readonly CalendarYear[]): CalendarAnswer {
  const byYear = new Map<number, CalendarYear & { origin: RulesOrigin }>();
  for (const year of nationalCalendarYears) byYear.set(year.year, { ...year, origin: 'builtIn' });
  // A loaded year replaces the built-in one, as knownCalendarYears merges them for the clocks.
  for (const year of loaded) byYear.set(year.year, { ...year, origin: 'file' });
  return { years: [...byYear.values()].sort((a, b) => a.year - b.year) };
}

export function configurationRouter({
  extraConfigEntries = [],
  calendarYears = [],
}: {
  extraConfigEntries?: readonly ConfigEntry[];
  calendarYears?: readonly CalendarYear[];
}): Router {
  const router = Router();
  const calendar = calendarAnswer(calendarYears);

  serve(router, configurationRoutes.rules, (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(rulesQuerySchema, req.query, ['query']);
    authorizeOn(caller, 'rules.read', { org: query.county });
    res.json(rulesInForce({ ...query, on: query.on ?? chinaDate(new Date()) }, extraConfigEntries));
  });

  serve(router, configurationRoutes.calendar, (_req, res) => {
    res.json(calendar);
  });

  return router;
}

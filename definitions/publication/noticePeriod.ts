/**
 * When a case's public notice runs out, worked out again from what the read model holds: the
 * instant the notice was posted, the rules the case started under (its definition version, county
 * and submission day, resolved exactly as the case's start did) and the working-day calendar.
 * The workflow's timer stays the authority; this is the date a list prints. It agrees with the
 * timer as long as neither the rules entries nor the calendar years of this process changed after
 * the case started. No I/O.
 */
import { z } from 'zod';
import { definitionForVersion } from '..';
import type { CalendarYear } from '../calendar';
import { calendarFor, chinaDate, computeDueDate, knownCalendarYears } from '../calendar';
import type { Duration } from '../shared/durations';
import { durationSchema } from '../shared/durations';
import type { ConfigEntry } from '../shared/rulesConfig';
import { resolveRules } from '../shared/rulesConfig';

const noticeRulesSchema = z.object({ publicNotice: z.object({ value: durationSchema }) });

export interface NoticeCase {
  definitionVersion: string;
  county: string;
  submittedAt: string;
  postedAt: string;
}

/**
 * Builds the calculator once per process configuration (rules entries, calendar years), with a
 * cache per (version, county, submission day): a list's cases mostly share all three.
 */
export function noticePeriodCalculator(
  extraConfigEntries: readonly ConfigEntry[] = [],
  calendarYears: readonly CalendarYear[] = []
): (c: NoticeCase) => string | null {
  const years = knownCalendarYears(calendarYears);
  const periods = new Map<string, Duration | null>();

  function resolvePeriod(c: NoticeCase, onDate: string): Duration | null {
    try {
      const definition = definitionForVersion(c.definitionVersion);
      const rules: unknown = resolveRules(
        [...definition.configEntries, ...extraConfigEntries],
        definition.rulesSchema,
        definition.program,
        c.county,
        onDate
      );
      const parsed = noticeRulesSchema.safeParse(rules);
      return parsed.success ? parsed.data.publicNotice.value : null;
    } catch {
      // An unknown chart version or rules that no longer resolve: print no date rather than a wrong one.
      return null;
    }
  }

  function periodOf(c: NoticeCase): Duration | null {
    const onDate = chinaDate(new Date(c.submittedAt));
    const key = `${c.definitionVersion}|${c.county}|${onDate}`;
    if (!periods.has(key)) periods.set(key, resolvePeriod(c, onDate));
    return periods.get(key) ?? null;
  }

  return (c) => {
    const period = periodOf(c);
    if (!period) return null;
    return computeDueDate(new Date(c.postedAt), period, calendarFor(c.county, years)).toISOString();
  };
}

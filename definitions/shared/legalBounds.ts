/**
 * Floors and ceilings the law puts on a county's own figures — a notice of at least 7 days, a county
 * decision within 10 working days, a home-check sample of at least 30 % — as parts of the figures'
 * schemas, so a rules entry that breaks one is refused with the article it breaks. A county may
 * tighten a limit (decide sooner, sample more), never loosen it.
 *
 * A period is held to its bound only where the comparison holds whatever the calendar: in the same
 * unit by its amount; across units by the fewest and the most calendar days each can last (a working
 * day lasts at least a day; five working days take at most a week, a holiday at most 8 days more).
 * A period in seconds is a test or demonstration clock — no law counts in seconds — so floors do not
 * apply to it; a rules file may use seconds only in an entry marked `demo` (config/rulesFile.ts).
 * No I/O: runs inside the workflow sandbox.
 */
import type { z } from 'zod';
import type { Duration } from './durations';
import { describeDurationZh, durationSchema } from './durations';

/** A limit the law sets, with the document and article that set it. */
export interface LegalBound<T> {
  limit: T;
  source: string;
}

const LONGEST_HOLIDAY_DAYS = 8;

/** The fewest calendar days a period can last. */
function fewestDays(d: Duration): number {
  switch (d.unit) {
    case 'seconds':
      return d.amount / 86_400;
    case 'hours':
      return d.amount / 24;
    case 'calendarDays':
    case 'workingDays':
      return d.amount;
    case 'months':
      return d.amount * 28;
  }
}

/** The most calendar days a period can last. */
function mostDays(d: Duration): number {
  if (d.unit === 'workingDays') return Math.ceil((d.amount * 7) / 5) + LONGEST_HOLIDAY_DAYS;
  if (d.unit === 'months') return d.amount * 31;
  return fewestDays(d);
}

export function withinCeiling(period: Duration, ceiling: Duration): boolean {
  return period.unit === ceiling.unit ? period.amount <= ceiling.amount : mostDays(period) <= fewestDays(ceiling);
}

export function aboveFloor(period: Duration, floor: Duration): boolean {
  if (period.unit === 'seconds') return true;
  return period.unit === floor.unit ? period.amount >= floor.amount : fewestDays(period) >= mostDays(floor);
}

/** A period the law caps: a county may set a shorter one. */
export function periodAtMost(bound: LegalBound<Duration>) {
  return durationSchema.refine((d) => withinCeiling(d, bound.limit), {
    message: `不得长于${describeDurationZh(bound.limit)}（${bound.source}）`,
    path: ['amount'],
  });
}

/** A period the law sets as a minimum: a county may set a longer one. */
export function periodAtLeast(bound: LegalBound<Duration>) {
  return durationSchema.refine((d) => aboveFloor(d, bound.limit), {
    message: `不得短于${describeDurationZh(bound.limit)}（${bound.source}）`,
    path: ['amount'],
  });
}

/** A count or a ratio the law sets as a minimum. */
export const numberAtLeast = (
  schema: z.ZodNumber,
  bound: LegalBound<number>,
  describe: (n: number) => string = String
) => schema.min(bound.limit, `不得低于${describe(bound.limit)}（${bound.source}）`);

/** A count the law caps. */
export const numberAtMost = (schema: z.ZodNumber, bound: LegalBound<number>) =>
  schema.max(bound.limit, `不得大于${bound.limit}（${bound.source}）`);

/** Ratios as staff read them: 0.3 → 30%. */
export const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

/** A duration as the law states it, for the bound tables. */
export const lawPeriod = (amount: number, unit: Duration['unit']): Duration => ({ amount, unit });

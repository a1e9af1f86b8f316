/**
 * Ongoing management of an approved household (动态管理) [30–33]: when it is checked again, and how
 * a decision after a re-check changes what is paid. Pure functions over the case context, used by
 * the chart's actions and delays; the chart emits each `paymentChange` for the payments ledger.
 * No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendar';
import { calendarFor, computeDueDate } from '../calendar';
import type { Actor, CaseOrgs } from '../shared/actors';
import { addMonths, periodOf } from '../payments/periods';
import type { Member } from '../shared/application';
import type { EmittedEffect } from '../engine/effects';
import type { PaymentChange } from '../shared/programDefinition';
import type { changeKindSchema, RecheckCycle } from './events';
import type { DibaoRules } from './rules';
import type { z } from 'zod';

export type ChangeKind = z.infer<typeof changeKindSchema>;

export interface RecheckDecision {
  outcome: 'continue' | 'changeAmount' | 'phaseOut' | 'stop';
  ground: string;
  amountBefore: number | null;
  amountAfter: number | null;
  by: Actor;
  at: string;
}

export interface Recheck {
  startedAt: string;
  /** A re-check falls due by the cycle, or a reported change starts one out of cycle [30]. */
  trigger: 'scheduled' | 'changeReport';
  decision: RecheckDecision | null;
}

export interface Ongoing {
  recheckCycle: RecheckCycle;
  /** When the next re-check starts by itself; a reported death brings it forward. */
  nextRecheckAt: string | null;
  /** What is paid each month now: the approved amount, then each change's. */
  monthlyAmount: number | null;
  changeReports: { kind: ChangeKind; description: string; by: Actor; at: string }[];
  rechecks: Recheck[];
  phaseOut: { ground: string; at: string; until: string } | null;
  paymentChange: PaymentChange | null;
}

/** The context a case starts with: nothing approved yet. */
export function noOngoingManagement(recheckCycle: RecheckCycle): Ongoing {
  return {
    recheckCycle,
    nextRecheckAt: null,
    monthlyAmount: null,
    changeReports: [],
    rechecks: [],
    phaseOut: null,
    paymentChange: null,
  };
}

/**
 * A household with a member in work or out of work (able to work) has an irregular income and is
 * checked every half year; otherwise yearly [31]. Students, retirees, children and members unable
 * to work do not change the cycle.
 */
export function recheckCycleOf(members: readonly Pick<Member, 'employment'>[]): RecheckCycle {
  return members.some((m) => m.employment === 'employed' || m.employment === 'unemployed') ? 'irregular' : 'stable';
}

interface Dated {
  orgs: CaseOrgs;
  rules: DibaoRules;
  calendarYears?: readonly CalendarYear[];
}

/** From an event to an instant (now if it has passed); no instant means never: a re-check or phase-out's timer. */
export function millisUntil(event: { at: string }, instant: string | null): number {
  if (instant === null) return Number.MAX_SAFE_INTEGER;
  return Math.max(0, Date.parse(instant) - Date.parse(event.at));
}

/** The instant a period that starts at `from` ends, on the case's calendar. */
export function endOfPeriod(context: Dated, from: string, period: DibaoRules['phaseOut']['value']): string {
  return computeDueDate(new Date(from), period, calendarFor(context.orgs.county, context.calendarYears)).toISOString();
}

/** The next scheduled re-check after a decision (approval or a re-check's outcome) taken at `at`. */
export function nextRecheckAfter(context: Dated, at: string, cycle: RecheckCycle): string {
  return endOfPeriod(context, at, context.rules.recheck[cycle].value);
}

/** A reported death: the re-check is due within the configured months, or sooner if already due. */
export function recheckAfterDeath(context: Dated & { ongoing: Ongoing }, at: string): string {
  const due = endOfPeriod(context, at, context.rules.recheck.afterMemberDeath.value);
  const scheduled = context.ongoing.nextRecheckAt;
  return scheduled !== null && scheduled < due ? scheduled : due;
}

/** The payment change a decision at `at` makes, effective from the configured next period [32]. */
export function paymentChangeOf(
  context: Dated & { ongoing: Ongoing },
  change: { kind: PaymentChange['kind']; monthlyAmount: number | null; ground: string; at: string; until?: string }
): PaymentChange {
  const fromPeriod = addMonths(periodOf(change.at), context.rules.changeEffectMonthOffset.value);
  const lastPeriod =
    change.kind === 'stop'
      ? addMonths(fromPeriod, -1)
      : change.kind === 'phaseOut' && change.until !== undefined
        ? periodOf(change.until)
        : null;
  return {
    kind: change.kind,
    monthlyAmount: change.kind === 'stop' ? null : change.monthlyAmount,
    fromPeriod,
    lastPeriod,
    ground: change.ground,
    at: change.at,
  };
}

/** The change the step's decision has just made to what is paid, for the payments ledger [32]. */
export const paymentChangeEffect = ({ ongoing }: { ongoing: Ongoing }): EmittedEffect | null =>
  ongoing.paymentChange ? { type: 'paymentChange', change: ongoing.paymentChange } : null;

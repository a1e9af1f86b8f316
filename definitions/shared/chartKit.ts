/**
 * Pieces every program chart uses the same way: who may send an event (role at the case's own
 * org), the engine as sender, periods measured on the case's working-day calendar, and the record
 * of a home visit. Charts name these in `setup`; the guards read only sender and context.
 * No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendar';
import { calendarFor, computeDueDate } from '../calendar';
import type { Actor, CaseOrgs, Role } from './actors';
import { actorBelongsToCase } from './actors';
import type { Duration } from './durations';
import type { CaseReferral } from './programDefinition';

/** What every chart's input carries about where the case runs and on which calendar. */
export interface CaseChartInput {
  caseId: string;
  orgs: CaseOrgs;
  /** The working-day calendar years the case started with; absent: the built-in years. */
  calendarYears?: readonly CalendarYear[];
}

/** What the engine stamps on every event before the chart sees it. */
export interface StampedEvent {
  type: string;
  actor: Actor;
  /** ISO instant, from the workflow clock. */
  at: string;
}

/** A `sentBy` guard reference for a role, as charts write it in their config. */
export const sentBy = (role: Role) => ({ type: 'sentBy', params: { role } }) as const;

/**
 * Either of two roles may send the event, to the same effect: one transition per role, in the order
 * given (the first that matches is taken).
 */
export const sentByEither = <const T extends object>([first, second]: readonly [Role, Role], transition: T) =>
  [
    { guard: sentBy(first), ...transition },
    { guard: sentBy(second), ...transition },
  ] as const;

/**
 * Send back (任务回退): the step's owner returns the file to the step before it, with a reason. A chart
 * uses it where the procedure has a step to go back to and names `recordSendBack` in its `setup`.
 */
export const sendBack = (role: Role, from: string, target: string | string[]) =>
  ({ guard: sentBy(role), target, actions: { type: 'recordSendBack', params: { from } } }) as const;

/** The latest send-back as a case keeps it: the step it left, who sent it back and why. */
export interface SentBack {
  from: string;
  reason: string;
  by: Actor;
  at: string;
}

export function sentBackOf(event: StampedEvent, from: string): SentBack {
  return { from, reason: (event as StampedEvent & { reason: string }).reason, by: event.actor, at: event.at };
}

/** A home visit's verdict is 转其他救助: the referred program's case opens from this application. */
export function referredElsewhereGuard({ event }: { event: StampedEvent }): boolean {
  return (event as StampedEvent & { verdict?: string }).verdict === 'referOther';
}

/** The sender holds the role and sits at this case's org for that role. */
export function sentByGuard(
  { context, event }: { context: { orgs: CaseOrgs }; event: StampedEvent },
  params: { role: Role }
) {
  return event.actor.role === params.role && actorBelongsToCase(event.actor, context.orgs);
}

/** Raised by the engine itself (a timer, a finished check run), never by a caller. */
export function fromSystemGuard({ event }: { event: StampedEvent }): boolean {
  return event.actor.role === 'system';
}

/** Milliseconds from an event to the end of a period that starts with it, on the case's calendar. */
export function periodAfter(event: { at: string }, context: CaseChartInput, period: Duration): number {
  const from = new Date(event.at);
  const calendar = calendarFor(context.orgs.county, context.calendarYears);
  return Math.max(0, computeDueDate(from, period, calendar).getTime() - from.getTime());
}

/** A home visit (入户调查/核查) as the case keeps it. */
export interface Investigation {
  at: string;
  by: Actor;
  investigators: { userId: string; name: string }[];
  findings: string;
  verdict: 'truthful' | 'untruthful' | 'referOther';
}

export function investigationOf(
  event: StampedEvent & Pick<Investigation, 'investigators' | 'findings' | 'verdict'>
): Investigation {
  return {
    at: event.at,
    by: event.actor,
    investigators: event.investigators,
    findings: event.findings,
    verdict: event.verdict,
  };
}

/** 转其他救助: the program a home visit referred the household to, read from its event; null otherwise. */
export function referralOf(
  event: StampedEvent & {
    findings: string;
    verdict: string;
    referTo?: CaseReferral['program'];
    claim?: CaseReferral['claim'];
  }
): CaseReferral | null {
  if (event.verdict !== 'referOther' || event.referTo === undefined) return null;
  return {
    program: event.referTo,
    ...(event.claim ? { claim: event.claim } : {}),
    reason: event.findings,
    by: event.actor,
    at: event.at,
  };
}

/**
 * What the engine needs to know about a program to run it: its chart, its event schemas, its rules,
 * and the few pure functions that read the chart's context (clocks that are not tied to one step,
 * a summary for the read model, notice texts). One generic case workflow runs any definition.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { CalendarYear } from '../calendar';
import type { Actor, CaseOrgs } from './actors';
import type { Application, TemporaryHelpClaim } from './application';
import type { Duration } from './durations';
import type { ConfigEntry } from './rulesConfig';
import type { EligibilityResult, EvaluationInput, SourceId } from '../eligibility';
import type { NoticeKind } from './stateMeta';

export interface SourcedDuration {
  value: Duration;
  source: string;
  effectiveFrom: string;
}

/** Every program's rules have at least a set of legal limits. */
export interface RulesWithDeadlines {
  deadlines: Record<string, SourcedDuration>;
  /** When running clocks remind their owners before the due date (escalation is at the due date). */
  alerts?: { remindBefore: SourcedDuration };
}

/** A clock that runs across steps (e.g. the 30-working-day overall limit). */
export interface RunningClock {
  key: string;
  startedAt: string;
}

/** Figures the read model keeps next to the state, for search and reports. No personal data. */
export interface CaseFigures {
  monthlyAmount: number | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  closeRelative: boolean;
}

export interface RenderedNotice {
  kind: NoticeKind;
  titleZh: string;
  bodyZh: string;
}

/** First month of an approved case's monthly entitlement, for the disbursement record. */
export interface FirstPayment {
  period: string; // 'YYYY-MM'
  amount: number;
}

/** Another program's case to open from this case's application (转其他救助), and why. */
export interface CaseReferral {
  program: 'dibao' | 'tekun' | 'temporaryHelp';
  /** Temporary help needs the claim the original form may not have. */
  claim?: TemporaryHelpClaim;
  reason: string;
  by: Actor;
  at: string;
}

/** Months ('YYYY-MM') and amounts (yuan, two decimals) of help not paid monthly. */
export interface ScheduledPayment {
  kind: 'staged' | 'helpFirst';
  schedule: { period: string; amount: string }[];
}

/**
 * A change to what an approved case is paid, from a payment period ('YYYY-MM') on: a new amount; a
 * phase-out (the amount goes on up to `lastPeriod`); or a stop (nothing from `fromPeriod` on).
 */
export interface PaymentChange {
  kind: 'amount' | 'phaseOut' | 'stop';
  monthlyAmount: number | null;
  fromPeriod: string;
  lastPeriod: string | null;
  ground: string;
  at: string;
}

/**
 * `TIntake` is what a case of the program starts from: the household application form, or a
 * program's own start request (a referral's).
 */
export interface ProgramDefinition<
  TRules extends RulesWithDeadlines = RulesWithDeadlines,
  TContext = unknown,
  TIntake = Application,
> {
  program: string;
  labelZh: string;
  /** Chart version; a running case keeps the version it started with. */
  version: string;
  machine: AnyStateMachine;
  rulesSchema: z.ZodType<TRules>;
  configEntries: readonly ConfigEntry[];
  /**
   * Payload schema per event type, built for one case's rules and, when given, the case as it stands
   * (an amount a decision sets is held to what the case computed); without it, the shapes alone.
   */
  eventPayloads(rules: TRules, context?: TContext): Record<string, z.ZodType>;
  eventLabelsZh: Record<string, string>;
  deadlineLabelsZh: Record<string, string>;
  /** What a chart's delayed transition is called when it fires ('公示期满'), by delay name. */
  timerLabelsZh: Record<string, string>;
  /**
   * The chart's input for a new case. `calendarYears` are the working-day calendar years the case
   * started with (absent: the built-in years); a chart whose delays count working days keeps them.
   */
  initialInput(args: {
    caseId: string;
    orgs: CaseOrgs;
    rules: TRules;
    application: TIntake;
    calendarYears?: readonly CalendarYear[];
  }): unknown;
  /** Clocks that are not a single step's, as the context stands. */
  runningClocks(context: TContext): RunningClock[];
  /**
   * The clock keys that measure the whole procedure (受理至审核确认), reported as the case's overall
   * due date; absent when the program sets no overall limit.
   */
  overallClocks?: readonly string[];
  figures(context: TContext): CaseFigures;
  /** Human-readable context for the case view (materials outstanding, objections, decision…). */
  summary(context: TContext): Record<string, unknown>;
  renderNotice(kind: NoticeKind, context: TContext): RenderedNotice;
  /** For programs whose chart runs a household economic check (`runDataCheck`). */
  verification?: {
    evaluate(input: EvaluationInput): EligibilityResult;
    /** Sources the check may not conclude without, from the case's rules. */
    requiredSources(rules: TRules): SourceId[];
  };
}

/** The shape the registry stores: rules and context erased, as the engine handles any program. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous by design
export type AnyProgramDefinition = ProgramDefinition<any, any, any>;

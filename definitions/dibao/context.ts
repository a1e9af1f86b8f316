/**
 * What a dibao case knows: the chart's input and the context its decisions build up, shared by the
 * chart, its readers and its notices, and the context a case starts with. No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from '../calendar';
import type { Actor, CaseOrgs } from '../shared/actors';
import type { Investigation, SentBack } from '../shared/chartKit';
import type { CaseReferral } from '../shared/programDefinition';
import type { MaterialCode } from '../shared/materials';
import type { CheckRunSummary } from '../verification';
import { initialDataCheck } from '../shared/dataCheckRegion';
import type { RecheckCycle } from './events';
import type { Ongoing } from './ongoing';
import { noOngoingManagement } from './ongoing';
import type { DibaoRules } from './rules';

export type { Investigation } from '../shared/chartKit';

export interface DibaoInput {
  caseId: string;
  orgs: CaseOrgs;
  rules: DibaoRules;
  /** Applicant is a close relative of a case worker or village cadre (近亲属备案) [11]. */
  closeRelative: boolean;
  materials: MaterialCode[];
  /**
   * The working-day calendar years the case started with, kept as the years themselves (small, and
   * plain data through continue-as-new); absent on older cases, which run on the built-in years.
   */
  calendarYears?: readonly CalendarYear[];
  /** How often the household will be checked again once approved, from its members [31]. */
  recheckCycle: RecheckCycle;
}

export interface DibaoContext extends DibaoInput {
  /** The one notice of missing items (一次性告知); at most one per application [10]. */
  missingNotice: { items: MaterialCode[]; at: string } | null;
  acceptedAt: string | null;
  homeVisits: Investigation[];
  dataCheck: {
    outcome: 'pending' | 'passed' | 'failed';
    reasons: string[];
    objection: string | null;
    /** Every finished run, oldest first; a re-check is a new run beside the old ones. */
    runs: CheckRunSummary[];
    /** The benefit the latest complete run computed; the county approves it unless it sets another. */
    computedAmount: number | null;
  };
  opinion: { proposal: 'approve' | 'reject'; text: string; at: string } | null;
  noticeObjections: { at: string; by: Actor; summary: string; complaint: boolean }[];
  communityReviews: { at: string; attendees: number; outcome: 'support' | 'oppose'; minutes: string }[];
  countyHomeVisits: Investigation[];
  /** The latest send-back (任务回退): the step it left, who sent it back and why. */
  sentBack: SentBack | null;
  /** The overall limit extended (30 → 45 wd) by a supervisor, with the reason [22]. */
  timeLimitExtension: { reason: string; explanation: string; by: Actor; at: string } | null;
  /** `fraud`: the county found assistance obtained or sought by fraud (骗取救助). */
  decision: {
    outcome: 'approved' | 'rejected';
    monthlyAmount: number | null;
    /** Why the county set more than the computed benefit; null when it did not. */
    amountGround: string | null;
    reasons: string[];
    fraud: boolean;
    at: string;
  } | null;
  closure: { kind: 'notAccepted' | 'withdrawn' | 'terminated'; reasons: string[]; fraud: boolean; at: string } | null;
  /** Once approved: re-checks, reported changes, amount changes and phase-out (动态管理) [30–33]. */
  ongoing: Ongoing;
  /** 转其他救助: the home visit found the household belongs to another program, whose case opens from here. */
  referredTo: CaseReferral | null;
}

export function initialDibaoContext(input: DibaoInput): DibaoContext {
  return {
    ...input,
    missingNotice: null,
    acceptedAt: null,
    homeVisits: [],
    dataCheck: initialDataCheck(),
    opinion: null,
    noticeObjections: [],
    communityReviews: [],
    countyHomeVisits: [],
    sentBack: null,
    timeLimitExtension: null,
    decision: null,
    closure: null,
    ongoing: noOngoingManagement(input.recheckCycle),
    referredTo: null,
  };
}

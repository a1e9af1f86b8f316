/**
 * What a 特困 case remembers, and the pure updates the chart's named actions apply to it. Kept
 * apart from the chart so the chart reads as the procedure. No I/O: runs inside the workflow sandbox.
 */
import type { EmittedEffect } from '../engine/effects';
import type { Actor } from '../shared/actors';
import { referredCase } from '../shared/caseEffects';
import type { CaseChartInput, Investigation, SentBack, StampedEvent } from '../shared/chartKit';
import { investigationOf } from '../shared/chartKit';
import { intakeUpdates } from '../shared/intakeRegion';
import type { CaseReferral } from '../shared/programDefinition';
import type { DataCheckContext } from '../shared/dataCheckRegion';
import { initialDataCheck } from '../shared/dataCheckRegion';
import type { MaterialCode } from '../shared/materials';
import type { TekunEventOf, TekunEventType } from './events';
import type { HomeCheckSample } from './homeCheckSample';
import { drawHomeCheckSample, samplePeriod } from './homeCheckSample';
import type { TekunRules } from './rules';
import type { CareLevel, SelfCareItem } from './selfCare';
import { careLevelFor } from './selfCare';

export interface TekunInput extends CaseChartInput {
  rules: TekunRules;
  materials: MaterialCode[];
  /**
   * Materials acceptance waits for: a supporter's check authorisation not signed on the form [10].
   * Absent in cases started before supporters were on the form.
   */
  requiredMaterials?: MaterialCode[];
}

export type ReferralSuggestion = 'dibao' | 'temporaryHelp' | 'none';

export interface TekunContext extends TekunInput {
  missingNotice: { items: MaterialCode[]; at: string } | null;
  acceptedAt: string | null;
  homeVisits: Investigation[];
  dataCheck: DataCheckContext;
  communityReviews: { at: string; attendees: number; outcome: 'support' | 'oppose'; minutes: string }[];
  opinion: { proposal: 'approve' | 'reject'; text: string; at: string } | null;
  /** 1 while the first notice runs, 2 for the notice after objections [15]; 0 before any. */
  noticeRound: number;
  noticeObjections: { at: string; by: Actor; summary: string; complaint: boolean; round: number }[];
  /** Drawn when the file first reaches the county, kept through send-backs [16]. */
  homeCheckSample: HomeCheckSample | null;
  countyHomeChecks: Investigation[];
  /** The latest self-care assessment; a change of condition is re-assessed [20–23]. */
  careAssessment: { level: CareLevel; unableItems: SelfCareItem[]; assessedOn: string; by: Actor; at: string } | null;
  sentBack: SentBack | null;
  decision: {
    outcome: 'approved' | 'rejected';
    monthlyAmount: number | null;
    /** Why the county set more than the support standard; null when it did not. */
    amountGround: string | null;
    supportMode: 'dispersed' | 'institutional' | null;
    reasons: string[];
    fraud: boolean;
    at: string;
  } | null;
  /** A planned termination while it is posted and, on objections, reviewed by the county [26]. */
  termination: {
    reason: string;
    suggestion: ReferralSuggestion;
    fraud: boolean;
    proposedAt: string;
    by: Actor;
    objections: { at: string; by: Actor; summary: string }[];
    finding: string | null;
  } | null;
  /** 转其他救助: the program a home visit referred the household to; its case opens from this application. */
  referredTo: CaseReferral | null;
  closure: {
    kind: 'notAccepted' | 'withdrawn' | 'terminated';
    reasons: string[];
    fraud: boolean;
    at: string;
    /** For a termination: where the person is advised to turn next [27]. */
    suggestion: ReferralSuggestion | null;
  } | null;
}

export function initialTekunContext(input: TekunInput): TekunContext {
  return {
    ...input,
    missingNotice: null,
    acceptedAt: null,
    homeVisits: [],
    dataCheck: initialDataCheck(),
    communityReviews: [],
    opinion: null,
    noticeRound: 0,
    noticeObjections: [],
    homeCheckSample: null,
    countyHomeChecks: [],
    careAssessment: null,
    referredTo: null,
    sentBack: null,
    decision: null,
    termination: null,
    closure: null,
  };
}

/**
 * The case to open: a home visit's referral (转其他救助), or on a termination with the advice to move
 * onto dibao, a dibao case [27]. Temporary help after a termination needs a claim of its own, so that
 * advice stays in the notice.
 */
export function tekunReferredCase(c: TekunContext): EmittedEffect | null {
  if (c.closure?.kind !== 'terminated') return referredCase(c);
  return c.closure.suggestion === 'dibao' && c.termination
    ? {
        type: 'openCase',
        referral: { program: 'dibao', reason: c.termination.reason, by: c.termination.by, at: c.closure.at },
      }
    : null;
}

type Update = (context: TekunContext, event: StampedEvent) => Partial<TekunContext>;

/** The event as the type the update is named for; the chart only sends it there. */
const as = <K extends TekunEventType>(event: StampedEvent) => event as TekunEventOf<K>;

const closure = (kind: 'notAccepted' | 'withdrawn', reasons: string[], at: string): TekunContext['closure'] => ({
  kind,
  reasons,
  fraud: false,
  at,
  suggestion: null,
});

export const tekunUpdates = {
  ...intakeUpdates,
  recordCommunityReview: (c, e) => {
    const { attendees, outcome, minutes } = as<'RECORD_COMMUNITY_REVIEW'>(e);
    return { communityReviews: [...c.communityReviews, { at: e.at, attendees, outcome, minutes }] };
  },
  recordOpinion: (_, e) => ({
    opinion:
      e.type === 'PROPOSE_APPROVAL'
        ? { proposal: 'approve', text: as<'PROPOSE_APPROVAL'>(e).opinion, at: e.at }
        : { proposal: 'reject', text: as<'PROPOSE_REJECTION'>(e).reasons.join('；'), at: e.at },
    sentBack: null,
  }),
  startNoticeRound: (c) => ({ noticeRound: c.noticeRound + 1 }),
  recordNoticeObjection: (c, e) => {
    const { summary, complaint } = as<'FILE_NOTICE_OBJECTION'>(e);
    return {
      noticeObjections: [...c.noticeObjections, { at: e.at, by: e.actor, summary, complaint, round: c.noticeRound }],
    };
  },
  drawHomeCheckSample: (c, e) => ({
    homeCheckSample:
      c.homeCheckSample ??
      drawHomeCheckSample({
        caseId: c.caseId,
        county: c.orgs.county,
        period: samplePeriod(e.at),
        ratio: c.rules.countyHomeCheckRatio.value,
      }),
  }),
  recordCountyHomeCheck: (c, e) => ({
    countyHomeChecks: [...c.countyHomeChecks, investigationOf(as<'RECORD_COUNTY_HOME_CHECK'>(e))],
  }),
  recordSelfCareAssessment: (c, e) => {
    const { unableItems, assessedOn } = as<'RECORD_SELF_CARE_ASSESSMENT'>(e);
    const level = careLevelFor(unableItems, c.rules);
    return { careAssessment: { level, unableItems: [...new Set(unableItems)], assessedOn, by: e.actor, at: e.at } };
  },
  recordApproval: (_, e) => {
    const { monthlyAmount, supportMode, amountGround = null } = as<'APPROVE'>(e);
    return {
      decision: { outcome: 'approved', monthlyAmount, amountGround, supportMode, reasons: [], fraud: false, at: e.at },
    };
  },
  recordRejection: (_, e) => {
    const { reasons, fraud } = as<'REJECT'>(e);
    return {
      decision: {
        outcome: 'rejected',
        monthlyAmount: null,
        amountGround: null,
        supportMode: null,
        reasons,
        fraud,
        at: e.at,
      },
    };
  },
  recordDeclined: (_, e) => ({ closure: closure('notAccepted', as<'DECLINE'>(e).reasons, e.at) }),
  recordWithdrawal: (_, e) => ({ closure: closure('withdrawn', [as<'WITHDRAW'>(e).reason], e.at) }),
  recordTerminationProposal: (_, e) => {
    const { reason, suggestion, fraud } = as<'PROPOSE_TERMINATION'>(e);
    return {
      termination: { reason, suggestion, fraud, proposedAt: e.at, by: e.actor, objections: [], finding: null },
    };
  },
  recordTerminationObjection: (c, e) =>
    c.termination
      ? {
          termination: {
            ...c.termination,
            objections: [
              ...c.termination.objections,
              { at: e.at, by: e.actor, summary: as<'FILE_TERMINATION_OBJECTION'>(e).summary },
            ],
          },
        }
      : {},
  recordTerminationFinding: (c, e) =>
    c.termination
      ? { termination: { ...c.termination, finding: as<'CONFIRM_TERMINATION' | 'CANCEL_TERMINATION'>(e).finding } }
      : {},
  /** The county kept the support: the plan is set aside (the audit trail keeps it). */
  cancelTermination: () => ({ termination: null }),
  recordTermination: (c, e) => ({
    closure: {
      kind: 'terminated',
      reasons: c.termination ? [c.termination.reason] : [],
      fraud: c.termination?.fraud ?? false,
      at: e.at,
      suggestion: c.termination?.suggestion ?? null,
    },
  }),
} satisfies Record<string, Update>;

/**
 * What a 特困 case remembers, and the context a case starts with; the chart's updates of it are in
 * `updates.ts`. No I/O: runs inside the workflow sandbox.
 */
import type { Actor } from '../shared/actors';
import type { CaseChartInput, Investigation, SentBack } from '../shared/chartKit';
import type { CaseReferral } from '../shared/programDefinition';
import type { DataCheckContext } from '../shared/dataCheckRegion';
import { initialDataCheck } from '../shared/dataCheckRegion';
import type { MaterialCode } from '../shared/materials';
import type { HomeCheckSample } from './homeCheckSample';
import type { TekunRules } from './rules';
import type { CareLevel, SelfCareItem } from './selfCare';

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

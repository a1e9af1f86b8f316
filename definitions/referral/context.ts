/**
 * What a referral case remembers and the pure updates the chart's named actions apply to it.
 * No I/O: runs inside the workflow sandbox.
 */
import type { Actor, CaseOrgs, DepartmentKind } from '../shared/actors';
import type { CaseChartInput, StampedEvent } from '../shared/chartKit';
import type { ReferralIntake } from './intake';
import type { ReferralEventOf } from './events';
import type { ReferralRules } from './rules';

export interface ReferralInput extends CaseChartInput {
  rules: ReferralRules;
  intake: ReferralIntake;
}

/** A decision as the case keeps it: when, by whom, and why. */
interface Recorded {
  at: string;
  by: Actor;
}

export type ReferralOutcomeKind = ReferralEventOf<'REPORT_OUTCOME'>['outcome'];

export interface ReferralContext extends CaseChartInput {
  orgs: CaseOrgs & { department: DepartmentKind };
  rules: ReferralRules;
  department: DepartmentKind;
  householdCaseId: string | null;
  reason: string;
  applicant: ReferralIntake['applicant'];
  acknowledged: (Recorded & { handler: string | null }) | null;
  outcome: (Recorded & { kind: ReferralOutcomeKind; text: string }) | null;
  returned: (Recorded & { reason: string }) | null;
  withdrawn: (Recorded & { reason: string }) | null;
}

export function initialReferralContext(input: ReferralInput): ReferralContext {
  const { intake } = input;
  return {
    caseId: input.caseId,
    orgs: { ...input.orgs, department: intake.department },
    rules: input.rules,
    ...(input.calendarYears ? { calendarYears: input.calendarYears } : {}),
    department: intake.department,
    householdCaseId: intake.householdCaseId,
    reason: intake.reason,
    applicant: intake.applicant,
    acknowledged: null,
    outcome: null,
    returned: null,
    withdrawn: null,
  };
}

const by = (event: StampedEvent): Recorded => ({ at: event.at, by: event.actor });

export const referralUpdates = {
  recordAcknowledgement: (_c: ReferralContext, e: ReferralEventOf<'ACKNOWLEDGE'>) => ({
    acknowledged: { ...by(e), handler: e.handler ?? null },
  }),
  recordOutcome: (_c: ReferralContext, e: ReferralEventOf<'REPORT_OUTCOME'>) => ({
    outcome: { ...by(e), kind: e.outcome, text: e.text },
  }),
  recordReturn: (_c: ReferralContext, e: ReferralEventOf<'RETURN'>) => ({ returned: { ...by(e), reason: e.reason } }),
  recordWithdrawal: (_c: ReferralContext, e: ReferralEventOf<'WITHDRAW'>) => ({
    withdrawn: { ...by(e), reason: e.reason },
  }),
};

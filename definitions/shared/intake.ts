/**
 * What a case starts from: a household's application form (dibao, tekun, temporary help), or a
 * referral sent to a county department. The engine reads only what both carry (program, orgs);
 * household-only steps (the data check, risk rules, the pledge) ask `isHouseholdApplication` first.
 * No I/O: runs inside the workflow sandbox.
 */
import type { ReferralIntake } from '../referral/intake';
import type { Application } from './application';

export type CaseIntake = Application | ReferralIntake;

export function isHouseholdApplication(intake: CaseIntake): intake is Application {
  return intake.program !== 'referral';
}

/** The event a case's first timeline line records, whatever it starts from (a form or a referral). */
export const submissionEvent = { event: 'SUBMIT', labelZh: '提交申请' } as const;

/** The details of a case's first timeline line. */
export function submissionDetails(intake: CaseIntake): Record<string, unknown> {
  return isHouseholdApplication(intake)
    ? { channel: intake.channel, materials: intake.materials }
    : { department: intake.department, householdCaseId: intake.householdCaseId };
}

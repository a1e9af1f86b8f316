/**
 * A referral (转办/转介) as the engine sees it: chart, events, rules and the readers of its context.
 * No I/O: runs inside the workflow sandbox.
 */
import { departmentLabelsZh } from '../shared/actors';
import type { ProgramDefinition } from '../shared/programDefinition';
import { referralMachine } from './chart';
import { referralConfigEntries } from './config';
import type { ReferralContext } from './context';
import { referralEventPayloads } from './events';
import type { ReferralIntake } from './intake';
import { referralDeadlineLabelsZh, referralEventLabelsZh, referralOutcomeLabelsZh } from './labels.zh';
import { renderReferralNotice } from './notices.zh';
import type { ReferralRules } from './rules';
import { referralRulesSchema } from './rules';

export const referralDefinition: ProgramDefinition<ReferralRules, ReferralContext, ReferralIntake> = {
  program: 'referral',
  labelZh: '转办转介',
  version: 'referral@1',
  machine: referralMachine,
  rulesSchema: referralRulesSchema,
  configEntries: referralConfigEntries,
  eventPayloads: referralEventPayloads,
  eventLabelsZh: referralEventLabelsZh,
  deadlineLabelsZh: referralDeadlineLabelsZh,
  timerLabelsZh: {},
  initialInput: ({ caseId, orgs, rules, application, calendarYears }) => ({
    caseId,
    orgs,
    rules,
    intake: application,
    ...(calendarYears ? { calendarYears } : {}),
  }),
  runningClocks: () => [],
  figures: (ctx) => ({
    monthlyAmount: null,
    acceptedAt: ctx.acknowledged?.at ?? null,
    decidedAt: ctx.outcome?.at ?? ctx.returned?.at ?? null,
    closeRelative: false,
  }),
  summary: (ctx) => ({
    department: ctx.department,
    departmentLabelZh: departmentLabelsZh[ctx.department],
    householdCaseId: ctx.householdCaseId,
    reason: ctx.reason,
    applicant: ctx.applicant,
    acknowledged: ctx.acknowledged,
    outcome: ctx.outcome ? { ...ctx.outcome, kindLabelZh: referralOutcomeLabelsZh[ctx.outcome.kind] } : null,
    returned: ctx.returned,
    withdrawn: ctx.withdrawn,
  }),
  renderNotice: renderReferralNotice,
};

export { referralIntakeSchema, referralRequestSchema } from './intake';
export type { ReferralIntake, ReferralRequest } from './intake';

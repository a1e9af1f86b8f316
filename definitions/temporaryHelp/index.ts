/**
 * Temporary help (临时救助) as the engine sees it: chart, events, rules and the readers of its
 * context. No I/O: runs inside the workflow sandbox.
 */
import { evaluateTemporaryHelp } from '../eligibility';
import type { ProgramDefinition } from '../shared/programDefinition';
import { temporaryHelpMachine } from './chart';
import { temporaryHelpConfigEntries } from './config';
import type { TemporaryHelpContext } from './context';
import { withinCeiling } from './context';
import { temporaryHelpEventPayloads } from './events';
import {
  claimKindLabelsZh,
  temporaryHelpDeadlineLabelsZh,
  temporaryHelpEventLabelsZh,
  temporaryHelpTimerLabelsZh,
} from './labels.zh';
import { renderTemporaryHelpNotice } from './notices.zh';
import type { TemporaryHelpRules } from './rules';
import { temporaryHelpRulesSchema } from './rules';

export const temporaryHelpDefinition: ProgramDefinition<TemporaryHelpRules, TemporaryHelpContext> = {
  program: 'temporaryHelp',
  labelZh: '临时救助',
  version: 'temporaryHelp@1',
  machine: temporaryHelpMachine,
  rulesSchema: temporaryHelpRulesSchema,
  configEntries: temporaryHelpConfigEntries,
  eventPayloads: temporaryHelpEventPayloads,
  eventLabelsZh: temporaryHelpEventLabelsZh,
  deadlineLabelsZh: temporaryHelpDeadlineLabelsZh,
  timerLabelsZh: temporaryHelpTimerLabelsZh,
  initialInput: ({ caseId, orgs, rules, application, calendarYears }) => {
    // The form requires the claim on temporary-help applications; this is the engine's own guard.
    if (!application.temporaryHelp) throw new Error('A temporary-help application carries its claim');
    return {
      caseId,
      orgs,
      rules,
      materials: application.materials,
      claim: application.temporaryHelp,
      ...(calendarYears ? { calendarYears } : {}),
    };
  },
  runningClocks: () => [],
  figures: (ctx) => ({
    // A one-off grant, not a monthly amount: the grant is in the summary and the disbursements.
    monthlyAmount: null,
    acceptedAt: ctx.acceptedAt ?? ctx.emergency?.paidAt ?? null,
    decidedAt: ctx.decision?.at ?? ctx.emergency?.paidAt ?? null,
    closeRelative: false,
  }),
  summary: (ctx) => ({
    referredTo: ctx.referredTo,
    claim: { ...ctx.claim, kindLabelZh: claimKindLabelsZh[ctx.claim.kind] },
    materials: ctx.materials,
    missingMaterials: ctx.missingNotice ? ctx.missingNotice.items.filter((i) => !ctx.materials.includes(i)) : [],
    missingNoticeIssued: ctx.missingNotice !== null,
    homeVisits: ctx.homeVisits.length,
    dataCheck: {
      outcome: ctx.dataCheck.outcome,
      reasons: ctx.dataCheck.reasons,
      objection: ctx.dataCheck.objection,
      runs: ctx.dataCheck.runs.length,
      latest: ctx.dataCheck.runs.at(-1) ?? null,
    },
    opinion: ctx.opinion,
    noticeObjections: ctx.noticeObjections.map((o) => ({ at: o.at, summary: o.summary, round: o.round })),
    townshipApprovalCeiling: {
      amount: ctx.rules.townshipApprovalCeiling.value,
      source: ctx.rules.townshipApprovalCeiling.source,
      claimWithin: withinCeiling(ctx.claim.amountClaimed, ctx.rules),
    },
    referredToCounty: ctx.referredToCounty,
    sentBack: ctx.sentBack,
    emergency: ctx.emergency,
    paperwork: ctx.paperwork,
    decision: ctx.decision,
    stages: (ctx.decision?.stages ?? []).map((s, i) => ({
      stage: i + 1,
      amount: s.amount,
      paidAt: ctx.payments.find((p) => p.stage === i + 1)?.paidAt ?? null,
    })),
    closure: ctx.closure,
  }),
  renderNotice: renderTemporaryHelpNotice,
  verification: {
    evaluate: evaluateTemporaryHelp,
    requiredSources: (rules) => rules.dataCheck.requiredSources.value,
  },
};

/**
 * The dibao program as the engine sees it: chart, events, rules and the readers of its context.
 * No I/O: runs inside the workflow sandbox.
 */
import { evaluateDibao } from '../eligibility';
import type { ProgramDefinition } from '../shared/programDefinition';
import type { DibaoContext } from './chart';
import { dibaoMachine } from './chart';
import { dibaoConfigEntries } from './config';
import { dibaoEventPayloads } from './events';
import { dibaoDeadlineLabelsZh, dibaoEventLabelsZh, dibaoTimerLabelsZh } from './labels.zh';
import { renderDibaoNotice } from './notices.zh';
import { recheckCycleOf } from './ongoing';
import type { DibaoRules } from './rules';
import { dibaoRulesSchema } from './rules';

export const dibaoDefinition: ProgramDefinition<DibaoRules, DibaoContext> = {
  program: 'dibao',
  labelZh: '最低生活保障',
  version: 'dibao@1',
  machine: dibaoMachine,
  rulesSchema: dibaoRulesSchema,
  configEntries: dibaoConfigEntries,
  eventPayloads: dibaoEventPayloads,
  eventLabelsZh: dibaoEventLabelsZh,
  deadlineLabelsZh: dibaoDeadlineLabelsZh,
  timerLabelsZh: dibaoTimerLabelsZh,
  initialInput: ({ caseId, orgs, rules, application, calendarYears }) => ({
    caseId,
    orgs,
    rules,
    closeRelative: application.closeRelative !== null,
    materials: application.materials,
    recheckCycle: recheckCycleOf(application.household.members),
    ...(calendarYears ? { calendarYears } : {}),
  }),
  runningClocks: (ctx) =>
    ctx.acceptedAt !== null && ctx.decision === null && ctx.closure === null
      ? [{ key: ctx.timeLimitExtension ? 'overallExtended' : 'overall', startedAt: ctx.acceptedAt }]
      : [],
  overallClocks: ['overall', 'overallExtended'],
  figures: (ctx) => ({
    monthlyAmount: ctx.ongoing.monthlyAmount ?? ctx.decision?.monthlyAmount ?? null,
    acceptedAt: ctx.acceptedAt,
    decidedAt: ctx.decision?.at ?? null,
    closeRelative: ctx.closeRelative,
  }),
  summary: (ctx) => ({
    materials: ctx.materials,
    missingMaterials: ctx.missingNotice ? ctx.missingNotice.items.filter((i) => !ctx.materials.includes(i)) : [],
    missingNoticeIssued: ctx.missingNotice !== null,
    closeRelative: ctx.closeRelative,
    homeVisits: ctx.homeVisits.length,
    dataCheck: {
      outcome: ctx.dataCheck.outcome,
      reasons: ctx.dataCheck.reasons,
      objection: ctx.dataCheck.objection,
      runs: ctx.dataCheck.runs.length,
      latest: ctx.dataCheck.runs.at(-1) ?? null,
      computedAmount: ctx.dataCheck.computedAmount,
    },
    opinion: ctx.opinion,
    noticeObjections: ctx.noticeObjections.map((o) => ({ at: o.at, summary: o.summary, complaint: o.complaint })),
    communityReviews: ctx.communityReviews.length,
    countyHomeVisitRequired: ctx.closeRelative || ctx.noticeObjections.some((o) => o.complaint),
    countyHomeVisits: ctx.countyHomeVisits.length,
    sentBack: ctx.sentBack,
    timeLimitExtension: ctx.timeLimitExtension,
    decision: ctx.decision,
    closure: ctx.closure,
    ongoing: ctx.decision?.outcome === 'approved' ? ctx.ongoing : null,
    referredTo: ctx.referredTo,
  }),
  renderNotice: renderDibaoNotice,
  verification: {
    evaluate: evaluateDibao,
    requiredSources: (rules) => rules.dataCheck.requiredSources.value,
  },
};

/**
 * The 特困人员 program as the engine sees it: chart, events, rules and the readers of its context.
 * No I/O: runs inside the workflow sandbox.
 */
import { evaluateTekun } from '../eligibility';
import { supportersAwaitingAuthorisation } from '../shared/supporters';
import type { ProgramDefinition } from '../shared/programDefinition';
import { tekunMachine } from './chart';
import { tekunConfigEntries } from './config';
import type { TekunContext } from './context';
import { tekunEventPayloads } from './events';
import { tekunDeadlineLabelsZh, tekunEventLabelsZh, tekunTimerLabelsZh } from './labels.zh';
import { renderTekunNotice } from './notices.zh';
import type { TekunRules } from './rules';
import { tekunRulesSchema } from './rules';
import { careLevelLabelsZh } from './selfCare';

export const tekunDefinition: ProgramDefinition<TekunRules, TekunContext> = {
  program: 'tekun',
  labelZh: '特困人员救助供养',
  version: 'tekun@1',
  machine: tekunMachine,
  rulesSchema: tekunRulesSchema,
  configEntries: tekunConfigEntries,
  eventPayloads: tekunEventPayloads,
  eventLabelsZh: tekunEventLabelsZh,
  deadlineLabelsZh: tekunDeadlineLabelsZh,
  timerLabelsZh: tekunTimerLabelsZh,
  initialInput: ({ caseId, orgs, rules, application, calendarYears }) => ({
    caseId,
    orgs,
    rules,
    materials: application.materials,
    requiredMaterials: supportersAwaitingAuthorisation(application.tekun) > 0 ? ['supporterCheckAuthorisation'] : [],
    ...(calendarYears ? { calendarYears } : {}),
  }),
  // Each step's limit is its own clock; the measures set no overall limit.
  runningClocks: () => [],
  figures: (ctx) => ({
    monthlyAmount: ctx.decision?.monthlyAmount ?? null,
    acceptedAt: ctx.acceptedAt,
    decidedAt: ctx.decision?.at ?? null,
    closeRelative: false,
  }),
  summary: (ctx) => ({
    referredTo: ctx.referredTo,
    materials: ctx.materials,
    missingMaterials: ctx.missingNotice ? ctx.missingNotice.items.filter((i) => !ctx.materials.includes(i)) : [],
    missingNoticeIssued: ctx.missingNotice !== null,
    /** What acceptance still waits for (a supporter's check authorisation). */
    requiredBeforeAcceptance: (ctx.requiredMaterials ?? []).filter((m) => !ctx.materials.includes(m)),
    homeVisits: ctx.homeVisits.length,
    dataCheck: {
      outcome: ctx.dataCheck.outcome,
      reasons: ctx.dataCheck.reasons,
      objection: ctx.dataCheck.objection,
      runs: ctx.dataCheck.runs.length,
      latest: ctx.dataCheck.runs.at(-1) ?? null,
    },
    communityReviews: ctx.communityReviews.length,
    opinion: ctx.opinion,
    noticeRound: ctx.noticeRound,
    noticeObjections: ctx.noticeObjections.map((o) => ({
      at: o.at,
      summary: o.summary,
      complaint: o.complaint,
      round: o.round,
    })),
    countyHomeCheck: {
      sample: ctx.homeCheckSample,
      required: ctx.homeCheckSample?.sampled === true || ctx.noticeObjections.some((o) => o.complaint),
      recorded: ctx.countyHomeChecks.length,
    },
    careAssessment: ctx.careAssessment
      ? { ...ctx.careAssessment, levelLabelZh: careLevelLabelsZh[ctx.careAssessment.level] }
      : null,
    sentBack: ctx.sentBack,
    decision: ctx.decision,
    termination: ctx.termination,
    closure: ctx.closure,
  }),
  renderNotice: renderTekunNotice,
  verification: {
    // The supporters the form declares are checked with the household (eligibility/tekunSupporters.ts).
    evaluate: evaluateTekun,
    requiredSources: (rules) => rules.dataCheck.requiredSources.value,
  },
};

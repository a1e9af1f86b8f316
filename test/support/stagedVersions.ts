/**
 * The test suite's staged versions (definitions/stagedVersions.ts is replaced by this module in the
 * test workflow bundle, test/globalSetup.ts, and in Jest, jest.config.js): a dibao@2 that no case
 * starts on, and the plan that migrates dibao@1 cases to it. It is what a county staging a new chart
 * would write, derived from dibao@1 so that the difference is plain to read:
 *
 * - `rejectionNotice` is renamed `rejectionDelivery` (same step, same clock, new name);
 * - a new step `noticeResult` (公示结果确认, township) sits between the end of an objection-free public
 *   notice and the county's review: the township confirms the notice's outcome (CONFIRM_NOTICE_RESULT),
 *   recorded in a new context field `noticeResult`;
 * - the plan sends cases in `objectionReview` nowhere: they finish on dibao@1.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyStateMachine } from 'xstate';
import { assign, createMachine } from 'xstate';
import { z } from 'zod';
import { dibaoDefinition } from '../../definitions/dibao';
import type { DibaoContext } from '../../definitions/dibao/chart';
import { dibaoMachine } from '../../definitions/dibao/chart';
import type { MigrationPlan } from '../../definitions/engine/migrationPlan';
import type { Actor } from '../../definitions/shared/actors';
import { sentBy } from '../../definitions/shared/chartKit';
import { withdrawableIn } from '../../definitions/shared/intakeRegion';
import type { ProgramDefinition } from '../../definitions/shared/programDefinition';
import { text } from '../../definitions/shared/eventFields';
import type { DibaoRules } from '../../definitions/dibao/rules';

export const DIBAO_V2 = 'dibao@2';

export interface DibaoV2Context extends DibaoContext {
  noticeResult: { summary: string; by: Actor; at: string } | null;
}

type StateConfig = Record<string, unknown> & { on?: Record<string, unknown> };
const v1States = dibaoMachine.config.states as Record<string, StateConfig>;
const { rejectionNotice, countyReview, publicNotice, ...unchanged } = v1States;

const dibaoV2Machine: AnyStateMachine = createMachine(
  {
    ...(dibaoMachine.config as object),
    states: {
      ...unchanged,
      publicNotice: {
        ...publicNotice,
        after: {
          publicNoticePeriod: [
            { guard: 'noticeDrewObjections', target: 'objectionReview' },
            { target: 'noticeResult' },
          ],
        },
      },
      noticeResult: {
        meta: { owner: 'township', labelZh: '公示结果确认' },
        on: {
          CONFIRM_NOTICE_RESULT: { guard: sentBy('township'), target: 'countyReview', actions: 'recordNoticeResult' },
          ...withdrawableIn('dibao'),
        },
      },
      countyReview: {
        ...countyReview,
        on: {
          ...countyReview!.on,
          REJECT: { ...(countyReview!.on!.REJECT as object), target: 'rejectionDelivery' },
        },
      },
      rejectionDelivery: {
        ...rejectionNotice,
        meta: { ...(rejectionNotice!.meta as object), labelZh: '送达不予确认决定' },
      },
    },
  } as never,
  {
    ...dibaoMachine.implementations,
    actions: {
      ...dibaoMachine.implementations.actions,
      recordNoticeResult: assign(({ event }) => {
        const e = event as unknown as { summary: string; actor: Actor; at: string };
        return { noticeResult: { summary: e.summary, by: e.actor, at: e.at } };
      }),
    },
  } as never
);

export const dibaoV2Definition: ProgramDefinition<DibaoRules, DibaoV2Context> = {
  ...dibaoDefinition,
  version: DIBAO_V2,
  machine: dibaoV2Machine,
  eventPayloads: (rules, context) => ({
    ...dibaoDefinition.eventPayloads(rules, context),
    CONFIRM_NOTICE_RESULT: z.object({ summary: text('公示结果') }),
  }),
  eventLabelsZh: { ...dibaoDefinition.eventLabelsZh, CONFIRM_NOTICE_RESULT: '确认公示结果' },
  initialInput: (args) => ({ ...(dibaoDefinition.initialInput(args) as object), noticeResult: null }),
};

export const dibaoV1toV2: MigrationPlan = {
  from: dibaoDefinition.version,
  to: DIBAO_V2,
  labelZh: '公示结束后增加“公示结果确认”环节；“送达不予确认通知”更名为“送达不予确认决定”',
  states: {
    rejectionNotice: 'rejectionDelivery',
    objectionReview: { none: '新版本调整了公示异议的处理，异议处理中的案件请在原版本办结' },
  },
  context: (context) => ({ ...(context as DibaoContext), noticeResult: null }),
};

export const stagedDefinitions = [dibaoV2Definition];
export const stagedMigrationPlans = [dibaoV1toV2];

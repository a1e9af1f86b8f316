/**
 * One county's monthly payment cycle (发放周期) as a statechart: freeze the roll, build the batch,
 * maker-checker approval by finance staff, export the bank file, record the bank's return and
 * reconcile. The chart decides what may happen when and by whom; the payment-cycle workflow
 * carries out the effects it declares (freezeRoll, buildBatch, exportBankFile, reconcile) as
 * activities and reports their results back as system events.
 * No I/O: runs inside the workflow sandbox.
 */
import { and, assign, not, setup } from 'xstate';
import type { Actor } from '../shared/actors';
import { sameUser } from '../shared/actors';
import type { BatchSummary } from './batch';
import type { CycleEvent, CycleEventOf, ReturnSummary } from './cycleEvents';
import type { PaymentRules } from './rules';

export interface CycleInput {
  cycleId: string;
  county: string;
  period: string;
  rules: PaymentRules;
}

export interface CycleContext extends CycleInput {
  roll: { lines: number; amount: string } | null;
  batch: BatchSummary | null;
  /** 制单人: who submitted the batch for approval (last submission). */
  preparer: Actor | null;
  /** 审核人: who approved it; never the preparer. */
  approver: Actor | null;
  corrections: { reason: string; by: Actor; at: string }[];
  bankFile: { fileId: string; lines: number; amount: string; sha256: string; at: string } | null;
  returns: { fileId: string; at: string; by: Actor; summary: ReturnSummary }[];
  reconciliation: ReturnSummary | null;
}

/**
 * The payment-cycle chart's version. A cycle lives one month, so it is not recorded per cycle; a
 * change to the chart is still a new version, held by the fingerprint test like the programs'.
 */
export const cycleChartVersion = 'paymentCycle@1';

export const cycleMachine = setup({
  types: { context: {} as CycleContext, events: {} as CycleEvent, input: {} as CycleInput },
  guards: {
    /** Finance staff of this cycle's county. */
    byCountyFinance: ({ context, event }) => event.actor.role === 'finance' && event.actor.org === context.county,
    /** Maker-checker: whoever prepared the batch may not approve or return it. */
    notByPreparer: ({ context, event }) => !sameUser(context.preparer?.userId, event.actor.userId),
    fromSystem: ({ event }) => event.actor.role === 'system',
    linesOutstanding: ({ event }) => (event as CycleEventOf<'RECONCILED'>).summary.outstandingLines > 0,
    /** A month with nothing to pay has no return to wait for. */
    nothingSent: ({ event }) => (event as CycleEventOf<'BANK_FILE_EXPORTED'>).lines === 0,
  },
  actions: {
    // Effects: returned by `transition()` and carried out by the workflow, never run here.
    freezeRoll: () => undefined,
    buildBatch: () => undefined,
    exportBankFile: () => undefined,
    reconcile: () => undefined,

    recordRoll: assign({
      roll: ({ event }) => {
        const e = event as CycleEventOf<'ROLL_FROZEN'>;
        return { lines: e.lines, amount: e.amount };
      },
    }),
    recordBatch: assign({ batch: ({ event }) => (event as CycleEventOf<'BATCH_BUILT'>).summary }),
    recordPreparer: assign({ preparer: ({ event }) => event.actor }),
    recordApprover: assign({ approver: ({ event }) => event.actor }),
    recordCorrection: assign({
      corrections: ({ context, event }) => [
        ...context.corrections,
        { reason: (event as CycleEventOf<'RETURN_FOR_CORRECTION'>).reason, by: event.actor, at: event.at },
      ],
    }),
    recordBankFile: assign({
      bankFile: ({ event }) => {
        const { fileId, lines, amount, sha256, at } = event as CycleEventOf<'BANK_FILE_EXPORTED'>;
        return { fileId, lines, amount, sha256, at };
      },
    }),
    recordReturnFile: assign({
      returns: ({ context, event }) => {
        const e = event as CycleEventOf<'RECORD_RETURN'>;
        return [...context.returns, { fileId: e.fileId, at: e.at, by: e.actor, summary: e.summary }];
      },
    }),
    recordReconciliation: assign({ reconciliation: ({ event }) => (event as CycleEventOf<'RECONCILED'>).summary }),
  },
}).createMachine({
  id: 'paymentCycle',
  context: ({ input }) => ({
    ...input,
    roll: null,
    batch: null,
    preparer: null,
    approver: null,
    corrections: [],
    bankFile: null,
    returns: [],
    reconciliation: null,
  }),
  initial: 'freezing',
  states: {
    freezing: {
      // 冻结名册: the roll is a snapshot; later edits to a household do not reach this cycle
      meta: { labelZh: '冻结发放名册' },
      entry: 'freezeRoll',
      on: { ROLL_FROZEN: { guard: 'fromSystem', target: 'frozen', actions: 'recordRoll' } },
    },
    frozen: {
      // 生成批次
      meta: { labelZh: '名册已冻结，生成发放批次' },
      entry: 'buildBatch',
      on: { BATCH_BUILT: { guard: 'fromSystem', target: 'batchBuilt', actions: 'recordBatch' } },
    },
    batchBuilt: {
      meta: { labelZh: '批次已生成，待制单人提交审核' },
      on: { SUBMIT_FOR_APPROVAL: { guard: 'byCountyFinance', target: 'awaitingApproval', actions: 'recordPreparer' } },
    },
    awaitingApproval: {
      // 审核 (maker-checker)
      meta: { labelZh: '待财务审核' },
      on: {
        APPROVE: {
          guard: and(['byCountyFinance', 'notByPreparer']),
          target: 'approved',
          actions: 'recordApprover',
        },
        RETURN_FOR_CORRECTION: {
          guard: and(['byCountyFinance', 'notByPreparer']),
          target: 'returnedForCorrection',
          actions: 'recordCorrection',
        },
      },
    },
    returnedForCorrection: {
      meta: { labelZh: '已退回，待制单人修改后重新提交' },
      on: { SUBMIT_FOR_APPROVAL: { guard: 'byCountyFinance', target: 'awaitingApproval', actions: 'recordPreparer' } },
    },
    approved: {
      // 生成代发文件
      meta: { labelZh: '审核通过，生成代发文件' },
      entry: 'exportBankFile',
      on: {
        BANK_FILE_EXPORTED: [
          { guard: and(['fromSystem', 'nothingSent']), target: 'reconciled', actions: 'recordBankFile' },
          { guard: 'fromSystem', target: 'exported', actions: 'recordBankFile' },
        ],
      },
    },
    exported: {
      // 待银行回盘
      meta: { labelZh: '代发文件已生成，待银行回盘' },
      on: { RECORD_RETURN: { guard: 'byCountyFinance', target: 'returnRecorded', actions: 'recordReturnFile' } },
    },
    returnRecorded: {
      // 对账
      meta: { labelZh: '回盘已登记，对账中' },
      entry: 'reconcile',
      on: {
        RECONCILED: [
          // Lines the bank has not answered yet: wait for the rest of the return
          { guard: and(['fromSystem', 'linesOutstanding']), target: 'exported', actions: 'recordReconciliation' },
          {
            guard: and(['fromSystem', not('linesOutstanding')]),
            target: 'reconciled',
            actions: 'recordReconciliation',
          },
        ],
      },
    },
    reconciled: { type: 'final', meta: { labelZh: '已对账，本期发放结束' } },
  },
});

export type CycleMachine = typeof cycleMachine;

/** Each step's Chinese label, read from the chart's own meta: for lists that hold only the step's name. */
export const cycleStepLabelsZh: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(cycleMachine.config.states ?? {}).map(([step, node]) => [
    step,
    (node.meta as { labelZh?: string } | undefined)?.labelZh ?? step,
  ])
);

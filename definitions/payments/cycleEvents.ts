/**
 * The events of a payment cycle. Finance staff send four of them, with the payloads below; the
 * engine raises the rest when a step's work is done. Types come from the schemas.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actors';
import { freeText, singleLine } from '../shared/text';
import type { BatchSummary } from './batch';

const comment = freeText().trim().max(500).optional();

/** Payloads of the events people send, by type. */
export const cycleCommandPayloads = {
  SUBMIT_FOR_APPROVAL: z.object({ comment }),
  APPROVE: z.object({ comment }),
  RETURN_FOR_CORRECTION: z.object({ reason: freeText().trim().min(1, '请填写退回原因').max(500) }),
  // The file itself is stored first (it can be megabytes); the event names it.
  RECORD_RETURN: z.object({ fileId: singleLine().regex(/^\d+$/, '回盘文件编号无效') }),
} as const;
export type CycleCommandType = keyof typeof cycleCommandPayloads;
export const cycleCommandTypes = Object.keys(cycleCommandPayloads) as CycleCommandType[];

export const cycleEventLabelsZh: Record<string, string> = {
  ROLL_FROZEN: '名册已冻结',
  BATCH_BUILT: '发放批次已生成',
  SUBMIT_FOR_APPROVAL: '提交审核',
  APPROVE: '审核通过',
  RETURN_FOR_CORRECTION: '退回修改',
  BANK_FILE_EXPORTED: '代发文件已生成',
  RECORD_RETURN: '登记银行回盘',
  RECONCILED: '对账完成',
};

interface Base {
  actor: Actor;
  at: string;
}

export interface ReturnSummary {
  paidLines: number;
  paidAmount: string;
  failedLines: number;
  failedAmount: string;
  outstandingLines: number;
}

export type CycleEvent =
  | (Base & { type: 'ROLL_FROZEN'; lines: number; amount: string })
  | (Base & { type: 'BATCH_BUILT'; summary: BatchSummary })
  | (Base & { type: 'SUBMIT_FOR_APPROVAL'; comment?: string })
  | (Base & { type: 'APPROVE'; comment?: string })
  | (Base & { type: 'RETURN_FOR_CORRECTION'; reason: string })
  | (Base & { type: 'BANK_FILE_EXPORTED'; fileId: string; lines: number; amount: string; sha256: string })
  | (Base & { type: 'RECORD_RETURN'; fileId: string; summary: ReturnSummary })
  | (Base & { type: 'RECONCILED'; summary: ReturnSummary });

export type CycleEventOf<T extends CycleEvent['type']> = Extract<CycleEvent, { type: T }>;

/**
 * What the payment-cycle workflow and its callers (API, tests, benchmark) share: message
 * definitions, the cycle's view, the input, and the failure types a refused command carries.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { PaymentRules } from '../definitions/payments';
import { batchSummarySchema, cycleCommandTypes, periodSchema } from '../definitions/payments';
import type { Actor } from '../definitions/shared/actors';
import { actorSchema, callerRoleSchema, countyCodeSchema } from '../definitions/shared/actors';
import { singleLine } from '../definitions/shared/text';

export const cycleCommandRequestSchema = z.object({
  type: z.enum(cycleCommandTypes as [string, ...string[]]),
  actor: actorSchema.extend({ role: callerRoleSchema }),
  payload: z.record(singleLine(), z.unknown()),
});
export type CycleCommandRequest = z.infer<typeof cycleCommandRequestSchema>;

const returnSummarySchema = z.object({
  paidLines: z.number().int(),
  paidAmount: z.string(),
  failedLines: z.number().int(),
  failedAmount: z.string(),
  outstandingLines: z.number().int(),
});

export const cycleViewSchema = z.object({
  id: z.string(),
  county: countyCodeSchema,
  period: periodSchema,
  status: z.enum(['active', 'done']),
  step: z.string(),
  stepLabelZh: z.string(),
  roll: z.object({ lines: z.number().int(), amount: z.string() }).nullable(),
  batch: batchSummarySchema.nullable(),
  preparer: actorSchema.nullable(),
  approver: actorSchema.nullable(),
  corrections: z.array(z.object({ reason: z.string(), by: actorSchema, at: z.string() })),
  bankFile: z
    .object({ fileId: z.string(), lines: z.number().int(), amount: z.string(), sha256: z.string(), at: z.string() })
    .nullable(),
  returns: z.array(z.object({ fileId: z.string(), at: z.string(), by: actorSchema, summary: returnSummarySchema })),
  reconciliation: returnSummarySchema.nullable(),
  allowedCommands: z.array(
    z.object({
      type: z.string(),
      labelZh: z.string(),
      roles: z.array(z.string()),
      excludedUserId: z.string().nullable().describe('The preparer, who may not check their own batch'),
    })
  ),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      event: z.string(),
      labelZh: z.string(),
      actor: actorSchema,
      from: z.string().nullable(),
      to: z.string(),
    })
  ),
});
export type CycleView = z.infer<typeof cycleViewSchema>;

export interface PaymentCycleInput {
  cycleId: string;
  county: string;
  period: string;
  /** The payment rules in force in the county when the cycle started, frozen for its life. */
  rules: PaymentRules;
  startedBy: Actor;
}

/** Failure types of a refused command, besides the case workflow's (contract.ts `failureTypes`). */
export const cycleFailureTypes = {
  makerChecker: 'MakerCheckerRefused', // 409, message in Chinese
  returnFileRejected: 'ReturnFileRejected', // 400, details[0]: { problems: [{ line, field, message }] (first few), problemCount }
} as const;

export const cycleCommandUpdate = defineUpdate<CycleView, [CycleCommandRequest]>('cycleCommand');
export const cycleViewQuery = defineQuery<CycleView>('cycleView');

export const paymentCycleWorkflowType = 'paymentCycle';

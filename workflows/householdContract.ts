/**
 * What the household application workflow and its callers share: its input, the children it plans
 * and starts, and its messages. Kept apart from the workflow so the API imports no workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { HouseholdApplication } from '../definitions/intake/householdForm';
import { referralKindSchema } from '../definitions/intake/householdForm';
import type { Actor } from '../definitions/shared/actors';
import { applicationProgramSchema } from '../definitions/shared/application';
import type { CaseWorkflowInput } from './contract';

/**
 * One child of the household: a program's case or a referral to a department (转介), each a case
 * of its own (its own chart), started at once. The case id is derived from the household id.
 */
export type ChildPlan =
  | { kind: 'program'; code: z.infer<typeof applicationProgramSchema>; caseId: string; input: CaseWorkflowInput }
  | { kind: 'referral'; code: z.infer<typeof referralKindSchema>; caseId: string; input: CaseWorkflowInput };
export type ChildKind = ChildPlan['kind'];

export interface HouseholdWorkflowInput {
  householdId: string;
  form: HouseholdApplication;
  submittedBy: Actor;
  children: ChildPlan[];
}

export const childStateSchema = z.object({
  kind: z.enum(['program', 'referral']),
  code: z.union([applicationProgramSchema, referralKindSchema]),
  caseId: z.string().nullable(),
  /** pending: about to start; started: its case runs; notStarted: nothing starts this kind yet. */
  start: z.enum(['pending', 'started', 'notStarted']),
});
export type ChildState = z.infer<typeof childStateSchema>;

export interface HouseholdState {
  householdId: string;
  submittedAt: string;
  children: ChildState[];
  /** The household's form and pledge are recorded and every child that can start has started. */
  started: boolean;
}

export const householdStateQuery = defineQuery<HouseholdState>('householdState');
/** Completes once every child that can start has started; lets the API return the children at once. */
export const awaitChildrenStartedUpdate = defineUpdate<HouseholdState>('awaitChildrenStarted');

/**
 * A program's case opened later from one of the household's cases (转其他救助): it joins the
 * household's children. Sent by the activity that opened it; a repeat changes nothing.
 */
export const childCaseOpenedSignal = defineSignal<[{ code: ChildState['code']; caseId: string }]>('childCaseOpened');

export const householdWorkflowType = 'householdApplication';

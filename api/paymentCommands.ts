/**
 * What the API asks of Temporal about payment cycles: start one (once per county and month), send
 * it a finance command, read it. Temporal's failures become the API's typed errors here.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { chinaDate } from '../definitions/calendar';
import type { PaymentRules } from '../definitions/payments';
import {
  PAYMENT_RULES_PROGRAM,
  paymentConfigEntries,
  paymentCycleId,
  paymentRulesSchema,
} from '../definitions/payments';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { resolveRules, RulesNotConfigured } from '../definitions/shared/rulesConfig';
import { failureTypes } from '../workflows/contract';
import type { CycleCommandRequest, CycleView, PaymentCycleInput } from '../workflows/paymentContract';
import {
  cycleCommandUpdate,
  cycleFailureTypes,
  cycleViewQuery,
  paymentCycleWorkflowType,
} from '../workflows/paymentContract';
import type { paymentCycle } from '../workflows/paymentCycle';
import type { Caller } from './identity';
import { FileRejected, MakerCheckerRefused, NotFound, TransitionRefused, ValidationFailed } from './errors';

export interface PaymentCommandDependencies {
  client: Client;
  taskQueue: string;
  extraConfigEntries?: readonly ConfigEntry[];
}

export interface StartedCycle {
  view: CycleView;
  /** False when the county's cycle for the month already existed: the request changed nothing. */
  created: boolean;
}

export function createPaymentCommands({ client, taskQueue, extraConfigEntries = [] }: PaymentCommandDependencies) {
  const handleOf = (id: string): WorkflowHandle<typeof paymentCycle> => client.workflow.getHandle(id);

  function rulesFor(county: string, now: Date): PaymentRules {
    try {
      return resolveRules(
        [...paymentConfigEntries, ...extraConfigEntries],
        paymentRulesSchema,
        PAYMENT_RULES_PROGRAM,
        county,
        chinaDate(now)
      );
    } catch (error) {
      if (!(error instanceof RulesNotConfigured)) throw error;
      throw new ValidationFailed('该县（市、区）尚未配置发放规则，请联系县级民政部门', [
        { path: 'county', message: error.detail },
      ]);
    }
  }

  async function startCycle(county: string, period: string, caller: Caller, now = new Date()): Promise<StartedCycle> {
    const cycleId = paymentCycleId(county, period);
    const token = randomUUID();
    const input: PaymentCycleInput = { cycleId, county, period, rules: rulesFor(county, now), startedBy: caller };
    let created = false;
    try {
      const handle = await client.workflow.start<typeof paymentCycle>(paymentCycleWorkflowType, {
        workflowId: cycleId,
        taskQueue,
        args: [input],
        memo: { startToken: token },
        // A second start while the cycle runs joins it; after it closed, the closed one stands.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      created = (await handle.describe()).memo?.startToken === token;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw translate(error);
    }
    return { view: await readCycle(cycleId), created };
  }

  async function command(cycleId: string, request: CycleCommandRequest): Promise<CycleView> {
    try {
      return await handleOf(cycleId).executeUpdate(cycleCommandUpdate, { args: [request] });
    } catch (error) {
      // A closed cycle takes no more updates, and Temporal says "not found": tell it apart from an unknown id.
      if (error instanceof WorkflowNotFoundError) {
        const view = await readCycle(cycleId);
        throw new TransitionRefused('本期发放已结束（已对账），不能再办理', {
          step: view.step,
          stepLabelZh: view.stepLabelZh,
          allowedEvents: [],
        });
      }
      throw translate(error);
    }
  }

  async function readCycle(cycleId: string): Promise<CycleView> {
    try {
      return await handleOf(cycleId).query(cycleViewQuery);
    } catch (error) {
      throw translate(error);
    }
  }

  return { startCycle, command, readCycle };
}

export type PaymentCommands = ReturnType<typeof createPaymentCommands>;

function detailsOf(failure: ApplicationFailure): Record<string, unknown> {
  const first = failure.details?.[0];
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
}

function translate(error: unknown): unknown {
  if (error instanceof WorkflowNotFoundError) return new NotFound('未找到该发放周期，请核对县（市、区）和月份');
  if (!(error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)) return error;
  const failure = error.cause;
  const details = detailsOf(failure);
  switch (failure.type) {
    case cycleFailureTypes.makerChecker:
      return new MakerCheckerRefused(failure.message);
    case cycleFailureTypes.returnFileRejected: {
      const problems = Array.isArray(details.problems) ? (details.problems as FileRejected['problems']) : [];
      return new FileRejected(
        '回盘文件与本批次不符，未登记任何一笔；请按行号核对后重新上传',
        problems,
        typeof details.problemCount === 'number' ? details.problemCount : problems.length
      );
    }
    case failureTypes.transitionRefused:
      return new TransitionRefused(
        '发放周期当前环节不允许此操作，或您的角色、机构无权办理；可办理的操作见 allowedEvents',
        {
          step: typeof details.step === 'string' ? details.step : '',
          stepLabelZh: typeof details.stepLabelZh === 'string' ? details.stepLabelZh : '',
          allowedEvents: Array.isArray(details.allowedEvents) ? details.allowedEvents : [],
        }
      );
    case failureTypes.invalidEvent: {
      const issues = Array.isArray(details.issues) ? (details.issues as { path: string[]; message: string }[]) : [];
      return new ValidationFailed(
        '提交的内容有误，请按提示修改后重新提交',
        issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      );
    }
    default:
      return error;
  }
}

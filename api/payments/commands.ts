/**
 * What the API asks of Temporal about payment cycles: start one (once per county and month), send
 * it a finance command, read it. Temporal's failures become the API's typed errors through
 * api/http/temporalErrors.ts, and an unreachable Temporal a 503 within ~2 s (api/http/temporalReach.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { chinaDate } from '../../definitions/calendar';
import type { PaymentRules } from '../../definitions/payments';
import {
  PAYMENT_RULES_PROGRAM,
  paymentConfigEntries,
  paymentCycleId,
  paymentRulesSchema,
} from '../../definitions/payments';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules, RulesNotConfigured } from '../../definitions/shared/rulesConfig';
import type { CycleCommandRequest, CycleView, PaymentCycleInput } from '../../workflows/paymentContract';
import { cycleCommandUpdate, cycleViewQuery, paymentCycleWorkflowType } from '../../workflows/paymentContract';
import type { paymentCycle } from '../../workflows/paymentCycle';
import { CaseCounty } from '../../workflows/searchAttributes';
import type { Caller } from '../http/identity';
import { TransitionRefused, ValidationFailed } from '../http/errors';
import { temporalReach } from '../http/temporalReach';
import { cycleSubject, isAlreadyStarted, isWorkflowGone, translateTemporalError } from '../http/temporalErrors';

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
  const reach = temporalReach(client);

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
    await reach.reachable();
    try {
      const handle = await client.workflow.start<typeof paymentCycle>(paymentCycleWorkflowType, {
        workflowId: cycleId,
        taskQueue,
        args: [input],
        memo: { startToken: token },
        // Found by county in visibility, so a cycle whose step keeps failing shows among stuck workflows.
        typedSearchAttributes: [{ key: CaseCounty, value: county }],
        // A second start while the cycle runs joins it; after it closed, the closed one stands.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      created = (await handle.describe()).memo?.startToken === token;
    } catch (error) {
      if (!isAlreadyStarted(error)) throw translate(error);
    }
    return { view: await readCycle(cycleId), created };
  }

  async function command(cycleId: string, request: CycleCommandRequest): Promise<CycleView> {
    await reach.reachable();
    try {
      return await handleOf(cycleId).executeUpdate(cycleCommandUpdate, { args: [request] });
    } catch (error) {
      // A closed cycle takes no more updates, and Temporal says "not found": tell it apart from an unknown id.
      if (isWorkflowGone(error)) {
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
    await reach.reachable();
    try {
      return await handleOf(cycleId).query(cycleViewQuery);
    } catch (error) {
      throw translate(error);
    }
  }

  return { startCycle, command, readCycle };
}

export type PaymentCommands = ReturnType<typeof createPaymentCommands>;

/** Temporal's errors → the API's, in the words of a payment cycle. */
const translate = (error: unknown): unknown => translateTemporalError(error, cycleSubject);

/**
 * What the API asks of Temporal: start a case, send it a decision, read it. Each command first makes
 * sure Temporal answers (503 within ~2 s when it cannot be reached); Temporal's failures become the
 * API's typed errors through api/http/temporalErrors.ts, so routes never see a gRPC status.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { definitionForVersion } from '../../definitions';
import type { CalendarYear } from '../../definitions/calendar';
import { knownCalendarYears } from '../../definitions/calendar';
import type { SourceCallPolicies } from '../../definitions/verification';
import type { CaseIntake } from '../../definitions/shared/intake';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { RulesNotConfigured } from '../../definitions/shared/rulesConfig';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import { buildCaseInput, UnknownProgram } from '../../definitions/caseInput';
import { composeCaseId, programIdPrefix } from '../../definitions/shared/caseIds';
import { caseStartAttributes } from '../../workflows/searchAttributes';
import type { CaseView, CaseWorkflowInput, EventRequest } from '../../workflows/contract';
import { caseViewQuery, caseWorkflowType, confirmStartUpdate, submitEventUpdate } from '../../workflows/contract';
import type { Caller } from '../http/identity';
import { Conflict, ValidationFailed } from '../http/errors';
import { temporalReach } from '../http/temporalReach';
import { caseSubject, isAlreadyStarted, translateTemporalError } from '../http/temporalErrors';

export interface CaseCommandDependencies {
  client: Client;
  taskQueue: string;
  /** Rules entries added to (and overriding) the programs' built-in ones, e.g. a county's own. */
  extraConfigEntries?: readonly ConfigEntry[];
  /**
   * Calendar years loaded from CALENDAR_DIR, laid over the built-in ones for every new case (which
   * keeps them for its life); none: the built-in years only.
   */
  calendarYears?: readonly CalendarYear[];
  /** History length after which a case continues as new (the workflow's default when unset). */
  historyLimit?: number;
  /** Timeout and retry per data source for new cases (the built-in policies when unset). */
  sourcePolicies?: SourceCallPolicies;
}

export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * An id's suffix (definitions/shared/caseIds.ts): derived from the Idempotency-Key when there is one
 * (`scopedKey` says whose and for what), so a retried request lands on the same workflow id and
 * Temporal itself refuses a second start; random otherwise.
 */
export const idSuffix = (scopedKey: string | undefined): string =>
  scopedKey === undefined ? randomUUID().replace(/-/g, '') : canonicalHash(scopedKey);

/** The case id; its key is scoped to the caller's org. */
function caseIdFor(application: CaseIntake, caller: Caller, idempotencyKey: string | undefined): string {
  return composeCaseId(
    programIdPrefix(application.program),
    application.orgs.county,
    idSuffix(idempotencyKey === undefined ? undefined : `${caller.org}:${idempotencyKey}`)
  );
}

const KEY_REUSED = '该 Idempotency-Key 已用于另一份不同的申请，请为新申请使用新的 Idempotency-Key';

export interface StartResult {
  view: CaseView;
  /** True when an earlier request with the same Idempotency-Key already created the case. */
  replayed: boolean;
}

export function createCaseCommands({
  client,
  taskQueue,
  extraConfigEntries = [],
  calendarYears = [],
  historyLimit,
  sourcePolicies,
}: CaseCommandDependencies) {
  // Merged once: every case started by this process gets the same years, frozen in its input.
  const knownYears = knownCalendarYears(calendarYears);
  const handleOf = (id: string): WorkflowHandle<typeof caseWorkflow> => client.workflow.getHandle(id);
  const reach = temporalReach(client);

  /**
   * The case's workflow input: the program's rules (and eligibility rules) in force in the county
   * today, frozen with the form. 400 when the program or the county's rules are missing.
   */
  function caseInputFor(application: CaseIntake, caller: Caller, caseId: string, now: Date): CaseWorkflowInput {
    try {
      return buildCaseInput(application, caller, caseId, now, {
        extraConfigEntries,
        calendarYears: knownYears,
        sourcePolicies,
        historyLimit,
      });
    } catch (error) {
      if (error instanceof UnknownProgram) {
        throw new ValidationFailed('暂不支持该救助项目', [
          { path: 'body.program', message: `未知项目 ${error.program}` },
        ]);
      }
      if (!(error instanceof RulesNotConfigured)) throw error;
      throw new ValidationFailed('该县（市、区）尚未配置此项目的办理规则，请联系县级民政部门', [
        { path: 'body.orgs.county', message: error.detail },
      ]);
    }
  }

  /** Starts a case from a household's application or a referral's request (each program's own intake). */
  async function startApplication(
    application: CaseIntake,
    caller: Caller,
    idempotencyKey: string | undefined,
    now: Date = new Date()
  ): Promise<StartResult> {
    const caseId = caseIdFor(application, caller, idempotencyKey);
    const input = caseInputFor(application, caller, caseId, now);
    await reach.reachable();
    const definition = definitionForVersion(input.definitionVersion);
    const requestHash = canonicalHash(application);
    // Tells this request's own start apart from an earlier one that used the same key.
    const requestToken = randomUUID();
    const startOperation = new WithStartWorkflowOperation<typeof caseWorkflow>(caseWorkflowType, {
      workflowId: caseId,
      taskQueue,
      args: [input],
      memo: { requestHash, requestToken },
      // Set at start too, so a case whose very first workflow task fails is still found by org.
      typedSearchAttributes: caseStartAttributes(definition, application.orgs),
      // A retry while the case runs joins it; a retry after it finished is refused below.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      // One round trip: start (or join), wait for the first record, and learn whether this request created it.
      const answer = await client.workflow.executeUpdateWithStart(confirmStartUpdate, {
        args: [{ requestHash, requestToken }],
        startWorkflowOperation: startOperation,
      });
      if (!answer.sameForm) throw new Conflict(KEY_REUSED);
      return { view: answer.view, replayed: !answer.createdByThisRequest };
    } catch (error) {
      if (error instanceof Conflict) throw error;
      if (!isAlreadyStarted(error)) throw translate(error);
      // The key's case has finished: the same form gets its view back, another form is refused.
      await startedByThisRequest(handleOf(caseId), requestHash, requestToken);
      return { view: await readCase(caseId), replayed: true };
    }
  }

  /**
   * Whether this request created the case. A key reused for a different form is refused: the
   * caller meant something else and must choose a new key.
   */
  async function startedByThisRequest(handle: WorkflowHandle, requestHash: string, token: string): Promise<boolean> {
    const { memo } = await handle.describe();
    if (memo?.requestHash !== requestHash) throw new Conflict(KEY_REUSED);
    return memo.requestToken === token;
  }

  async function submitEvent(caseId: string, request: EventRequest): Promise<CaseView> {
    await reach.reachable();
    try {
      return await handleOf(caseId).executeUpdate(submitEventUpdate, { args: [request] });
    } catch (error) {
      throw translate(error);
    }
  }

  async function readCase(caseId: string): Promise<CaseView> {
    await reach.reachable();
    try {
      return await handleOf(caseId).query(caseViewQuery);
    } catch (error) {
      throw translate(error);
    }
  }

  return { startApplication, submitEvent, readCase, caseInputFor };
}

export type CaseCommands = ReturnType<typeof createCaseCommands>;

/** Temporal's errors → the API's, in the words of a case. */
export const translate = (error: unknown): unknown => translateTemporalError(error, caseSubject);

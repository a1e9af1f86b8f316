/**
 * 转其他救助: a case's home visit finds the household belongs to another program, and that
 * program's case opens from the same application — no new intake, the same form, materials and
 * pledge. The new case is started on the same task queue with an id derived from the first case's,
 * so a retried activity joins the case it already started instead of opening a second one; a
 * household's case joins the household's children.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { currentDefinition } from '../definitions';
import type { Application } from '../definitions/shared/application';
import { referredApplicationSchema } from '../definitions/shared/application';
import type { CaseReferral } from '../definitions/shared/programDefinition';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import type { CaseInputSettings } from '../definitions/caseInput';
import { buildCaseInput, siblingCaseId } from '../definitions/caseInput';
import { caseWorkflowType } from '../workflows/contract';
import { childCaseOpenedSignal } from '../workflows/householdContract';
import { caseStartAttributes } from '../workflows/searchAttributes';

export interface ReferredCaseRequest {
  fromCaseId: string;
  referral: CaseReferral;
  application: Application;
  /** A household's child refers within the household: the new case shares its pledge. */
  householdId?: string;
  /** The first case's calendar, source policies and history limit carry over. */
  settings: Omit<CaseInputSettings, 'extraConfigEntries'>;
}

/**
 * The household's view lists the new case among its children. A household whose workflow has
 * closed (every first child ended) keeps the link in the read model (`applications.household_id`).
 */
async function joinHousehold(client: Client, householdId: string, code: CaseReferral['program'], caseId: string) {
  try {
    await client.workflow.getHandle(householdId).signal(childCaseOpenedSignal, { code, caseId });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

export function createReferredCaseActivities({ configEntries }: { configEntries: readonly ConfigEntry[] }) {
  return {
    async openReferredCase(request: ReferredCaseRequest): Promise<{ caseId: string }> {
      const { referral } = request;
      const caseId = siblingCaseId(request.fromCaseId, referral.program);
      // Each program's own section goes only where it belongs; 特困 supporters declared on the
      // first form carry over to a 特困 case, and one opened without them says so in its check.
      const { temporaryHelp: _claim, tekun, ...form } = request.application;
      const application = referredApplicationSchema.parse({
        ...form,
        program: referral.program,
        ...(referral.program === 'temporaryHelp' ? { temporaryHelp: referral.claim } : {}),
        ...(referral.program === 'tekun' && tekun ? { tekun } : {}),
      });
      // The rules in force on the day of the referral, so a retry builds the same case.
      const input = buildCaseInput(application, referral.by, caseId, new Date(referral.at), {
        ...request.settings,
        extraConfigEntries: configEntries,
      });
      const definition = currentDefinition(referral.program)!;
      const { client, info } = Context.current();
      try {
        await client.workflow.start(caseWorkflowType, {
          workflowId: caseId,
          taskQueue: info.taskQueue,
          args: [{ ...input, ...(request.householdId ? { householdId: request.householdId } : {}) }],
          typedSearchAttributes: caseStartAttributes(definition, application.orgs),
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        // Started (and perhaps already finished) by an earlier attempt: nothing more to do.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      if (request.householdId) await joinHousehold(client, request.householdId, referral.program, caseId);
      return { caseId };
    },
  };
}

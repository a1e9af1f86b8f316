/**
 * One household application (一窗受理): records the household's form and its one pledge, then
 * starts one child case per program and per referral — each its own chart, a `caseWorkflow` child
 * with an id derived from the household's. It stays open while its children run, so the API can
 * read them as one household.
 *
 * Children are Temporal child workflows with parentClosePolicy ABANDON: a case lives by its own
 * chart and must outlive anything that happens to the household workflow (terminated, reset).
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import type { ChildWorkflowHandle } from '@temporalio/workflow';
import { condition, ParentClosePolicy, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import type * as activityTypes from '../activities';
import { definitionForVersion } from '../definitions';
import type { caseWorkflow } from './caseWorkflow';
import { caseWorkflowType } from './contract';
import type { ChildKind, ChildPlan, ChildState, HouseholdState, HouseholdWorkflowInput } from './householdContract';
import { awaitChildrenStartedUpdate, childCaseOpenedSignal, householdStateQuery } from './householdContract';
import { CaseCounty, CaseDefinitionVersion, CaseProgram, CaseTownship } from './searchAttributes';
import { createWriteGuard } from './writeGuard';

const householdActivities = proxyActivities<ReturnType<typeof activityTypes.createActivities>>({
  startToCloseTimeout: '30 seconds',
  // The household's record must land before its children start: retry until the database is back.
  // A record the database refuses for good is held by the write guard (shown as stuck) instead.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

type ChildStarter = (plan: ChildPlan) => Promise<ChildWorkflowHandle<typeof caseWorkflow>>;

/** A program's case or a referral: either is the generic case workflow on its own definition. */
async function startChildCase(plan: ChildPlan): Promise<ChildWorkflowHandle<typeof caseWorkflow>> {
  const definition = definitionForVersion(plan.input.definitionVersion);
  const { orgs } = plan.input.application;
  return startChild<typeof caseWorkflow>(caseWorkflowType, {
    workflowId: plan.caseId,
    args: [plan.input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    // Set at start, as the API does for a single case, so a child is found by org from the first moment.
    typedSearchAttributes: [
      { key: CaseProgram, value: definition.program },
      { key: CaseCounty, value: orgs.county },
      { key: CaseTownship, value: orgs.township },
      { key: CaseDefinitionVersion, value: definition.version },
    ],
  });
}

/** How each kind of child starts; a kind without a starter would be listed as not started. */
const childStarters: Record<ChildKind, ChildStarter | undefined> = {
  program: startChildCase,
  referral: startChildCase,
};

export async function householdApplication(input: HouseholdWorkflowInput): Promise<HouseholdState> {
  const writes = createWriteGuard();
  const { recordHouseholdSubmission } = writes.guarded(householdActivities);
  const submittedAt = new Date().toISOString();
  const children: ChildState[] = input.children.map((plan) => ({
    kind: plan.kind,
    code: plan.code,
    caseId: plan.caseId,
    start: childStarters[plan.kind] ? 'pending' : 'notStarted',
  }));
  let started = false;
  const state = (): HouseholdState => ({ householdId: input.householdId, submittedAt, children, started });

  setHandler(householdStateQuery, state);
  setHandler(childCaseOpenedSignal, ({ code, caseId }) => {
    if (!children.some((c) => c.caseId === caseId)) children.push({ kind: 'program', code, caseId, start: 'started' });
  });
  setHandler(awaitChildrenStartedUpdate, async () => {
    await writes.unlessBlocked(condition(() => started));
    return state();
  });

  await recordHouseholdSubmission({
    householdId: input.householdId,
    form: input.form,
    recordedBy: input.submittedBy.userId,
    submittedAt,
  });

  const running: Promise<unknown>[] = [];
  for (const [i, plan] of input.children.entries()) {
    const starter = childStarters[plan.kind];
    if (!starter) continue;
    const handle = await starter(plan);
    children[i] = { ...children[i]!, start: 'started' };
    running.push(handle.result());
  }
  started = true;

  // Open while any child runs; a child that fails or is terminated ends nothing for its siblings.
  await Promise.allSettled(running);
  return state();
}

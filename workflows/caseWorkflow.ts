/**
 * One durable case, for any program. The chart is used as a pure transition function through the
 * chart host (`chartHost.ts`): this workflow keeps the case's timeline, clocks and timers, turns
 * what each transition declares into Temporal commands (`caseEffects.ts`: activities with
 * idempotency keys for records and notices; durable timers with absolute due instants, cancelled
 * when their state is left), and raises the alarms its legal clocks owe. A data check runs in the
 * background (`dataCheckRuns.ts`) and comes back as a system event the chart decides on; the
 * timeline and what each line writes are kept by `caseRecorder.ts`.
 *
 * Decisions arrive as Updates whose validator asks the chart (`snapshot.can`) and the event's zod
 * schema (`caseAdmission.ts`), so a forbidden or malformed event is refused before it enters history.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activityTypes from '../activities';
import { definitionForVersion } from '../definitions';
import { advanceStepClocks } from '../definitions/engine/clocks';
import { effectsOf } from '../definitions/engine/effects';
import { currentStep, eventLabelZh, eventName } from '../definitions/engine/snapshotReading';
import { systemActor } from '../definitions/shared/actors';
import { isHouseholdApplication } from '../definitions/shared/intake';
import type { RulesWithDeadlines } from '../definitions/shared/programDefinition';
import { createCaseAdmission } from './caseAdmission';
import type { EffectHost } from './caseEffects';
import { perform } from './caseEffects';
import { judgeMigration, migrateCase } from './caseMigration';
import { createCaseRecorder } from './caseRecorder';
import type { StampedEvent } from './chartHost';
import { refuse } from './chartHost';
import { beginCaseRun } from './caseContinuation';
import type {
  CaseView,
  CaseWorkflowInput,
  MigrationAnswer,
  MigrationRequest,
  ResumeState,
  StartStamp,
} from './contract';
import {
  awaitRecordedUpdate,
  confirmStartUpdate,
  caseViewQuery,
  failureTypes,
  migrateDefinitionUpdate,
  migrationCheckQuery,
  submitEventUpdate,
} from './contract';
import { createClockAlarms } from './clockAlarms';
import { createDataCheckRunner } from './dataCheck';
import { createDataCheckRuns } from './dataCheckRuns';
import { createRiskAssessor } from './riskAssessment';
import { CaseDefinitionVersion } from './searchAttributes';
import { createWriteGuard } from './writeGuard';

const caseActivities = proxyActivities<ReturnType<typeof activityTypes.createActivities>>({
  startToCloseTimeout: '30 seconds',
  // Records must land eventually: retry until the database is back, never give up on a decision.
  // A write the database refuses for good fails at once (DataError) and is held by the write guard.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DEFAULT_HISTORY_LIMIT = 5000;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  // Reassigned only by a live-case migration (migrateDefinition), which moves the case to another version.
  let definition = definitionForVersion(input.definitionVersion);
  const rules = input.rules as RulesWithDeadlines;
  const orgs = input.application.orgs;
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const writes = createWriteGuard();
  const activities = writes.guarded(caseActivities);

  const start = beginCaseRun(input, definition, writes);
  const { host, timeline } = start;
  let { timers, stepClocks } = start;
  let recorded = input.resume !== undefined;

  const risks = createRiskAssessor(input.caseId);
  const recorder = createCaseRecorder({
    input,
    host,
    definition: () => definition,
    stepClocks: () => stepClocks,
    activities,
    timeline,
    updatedAt: start.updatedAt,
  });
  const { deadlines, view, record } = recorder;
  const dataChecks = createDataCheckRuns({
    caseId: input.caseId,
    runner: createDataCheckRunner({
      caseId: input.caseId,
      definition,
      rules,
      application: isHouseholdApplication(input.application) ? input.application : undefined,
      authorisedAt: timeline[0]?.at ?? start.updatedAt,
      eligibilityRules: input.eligibilityRules,
      policies: input.sourcePolicies,
      writes,
    }),
    runsSoFar: start.checkRuns,
    report: (summary) => applySystemEvent({ type: 'DATA_CHECK_COMPLETED', ...summary }),
  });
  const admission = createCaseAdmission({ host, definition: () => definition, rules, orgs });

  const effectHost = (): EffectHost => ({
    input,
    definition,
    snapshot: host.snapshot,
    timers,
    activities,
    startDataCheck: dataChecks.start,
  });

  /** Applies an admitted event: the state changes at once (so later validators see it), records follow. */
  async function apply(event: StampedEvent): Promise<void> {
    const { from, actions } = host.transition(event);
    stepClocks = advanceStepClocks(stepClocks, host.snapshot, event.at);
    const lineSeq = host.nextSeq();
    const { type, actor, at, comment, ...details } = event;
    const name = eventName(definition, type);
    const to = currentStep(host.snapshot);
    const line = { at, event: name, labelZh: eventLabelZh(definition, type), actor, from: currentStep(from), to };
    await Promise.all([
      record({ ...line, comment: typeof comment === 'string' ? comment : null, details }, lineSeq),
      perform(effectsOf(actions), at, lineSeq, name, effectHost()),
    ]);
  }

  /** An event the engine raises itself (a timer firing, a check finishing), if the chart still takes it. */
  async function applySystemEvent(fields: { type: string } & Record<string, unknown>): Promise<void> {
    const event: StampedEvent = { ...fields, type: fields.type, actor: systemActor, at: new Date().toISOString() };
    // The case may have moved on meanwhile (withdrawn during a check, a timer cancelled by a
    // decision in the same instant): the chart refuses, and the run stays on record regardless.
    if (host.snapshot.can(event)) await apply(event);
  }

  const alarms = createClockAlarms({ input, host, deadlines, record, raised: start.alertsRaised });

  const migrating = () => ({ definition, snapshot: host.snapshot, timers, stepClocks, rules });

  /** Moves the case to the plan's target version, with an audit line. */
  async function migrate(request: MigrationRequest): Promise<MigrationAnswer> {
    const at = new Date().toISOString();
    const { answer, target, rebase } = judgeMigration(migrating(), request, at);
    if (answer.outcome === 'alreadyMigrated') return answer;
    if (answer.outcome !== 'wouldMigrate' || !target || !rebase) {
      refuse(failureTypes.migrationRefused, 'Migration refused', answer);
    }
    const moved = migrateCase(migrating(), { answer, target, rebase }, request, at);
    ({ definition, timers, stepClocks } = moved);
    host.rebase(target.machine, moved.snapshot);
    upsertSearchAttributes([{ key: CaseDefinitionVersion, value: target.version }]);
    await writes.unlessBlocked(record(moved.line, host.nextSeq()));
    return { ...answer, outcome: 'migrated', definitionVersion: target.version };
  }

  // The submission is the case's first write. A decision can arrive before the body below gets to
  // it (the SDK runs an update delivered with the start as soon as its handler is registered), so
  // the first place in the write chain is held for the submission here, before any handler exists;
  // the submission itself is still built and sent where it always was, so the commands keep their order.
  let releaseSubmission: (write: () => Promise<void>) => void = () => undefined;
  const submissionWrite = new Promise<() => Promise<void>>((resolve) => {
    releaseSubmission = resolve;
  });
  const submitted = input.resume ? undefined : host.write(async () => (await submissionWrite)());

  setHandler(caseViewQuery, view);
  setHandler(migrationCheckQuery, (request) => judgeMigration(migrating(), request, new Date().toISOString()).answer);
  // A handler old histories never received: adding it changes no command they replay.
  setHandler(migrateDefinitionUpdate, migrate, {
    validator: (request: MigrationRequest) => {
      writes.refuseWhileBlocked();
      const { answer } = judgeMigration(migrating(), request, new Date().toISOString());
      if (answer.outcome === 'cannotMigrate') refuse(failureTypes.migrationRefused, answer.reasonZh, answer);
    },
  });
  setHandler(awaitRecordedUpdate, async () => {
    await writes.unlessBlocked(condition(() => recorded));
    return view();
  });
  // A handler old histories never received: adding it changes no command they replay.
  setHandler(confirmStartUpdate, async (stamp: StartStamp) => {
    const memo = workflowInfo().memo ?? {};
    const sameForm = memo.requestHash === stamp.requestHash;
    // A different form under the same key is refused by the API; nothing to wait for.
    if (sameForm) await writes.unlessBlocked(condition(() => recorded));
    return { view: view(), createdByThisRequest: memo.requestToken === stamp.requestToken, sameForm };
  });
  setHandler(
    submitEventUpdate,
    async (request) => {
      // A held write answers the caller now; the decision's records land once the write is retried.
      await writes.unlessBlocked(apply(admission.admitOnce(request)));
      return view();
    },
    { validator: admission.validate }
  );

  if (!input.resume) {
    const first = timeline[0]!;
    releaseSubmission(recorder.submission());
    await submitted;
    await perform(start.initialEffects, first.at, first.seq, first.event, effectHost());
    recorded = true;
    // Cases started before risk assessment existed replay without it; a referral has no household to assess.
    if (isHouseholdApplication(input.application) && patched('risk-assessment-on-submit')) risks.start();
  }

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  const settled = () => allHandlersFinished() && dataChecks.idle() && risks.idle() && writes.idle();

  while (host.snapshot.status === 'active') {
    const seen = host.seq;
    const woken = () => host.seq !== seen || shouldContinueAsNew() || dataChecks.failure() !== undefined;
    const nextTimer = Object.entries(timers).sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt))[0];
    const nextAlert = alarms.next();
    const wakeAt = [nextTimer?.[1].dueAt, nextAlert?.at].filter((t): t is string => t !== undefined).sort()[0];
    if (wakeAt) {
      const waitMs = Date.parse(wakeAt) - Date.now();
      const wokenEarly = waitMs > 0 && (await condition(woken, waitMs));
      if (!wokenEarly) {
        // The chart's own timers first: a notice period ending may stop a clock before it alarms.
        if (nextTimer && nextTimer[1].dueAt === wakeAt && timers[nextTimer[0]] === nextTimer[1]) {
          delete timers[nextTimer[0]];
          await applySystemEvent({ type: nextTimer[1].eventType });
        } else if (nextAlert) {
          // Not woken early: no event came in, so the alarm computed above is still owed.
          await alarms.raise(nextAlert);
        }
      }
    } else {
      await condition(woken);
    }
    // A check's result that could not be applied fails the workflow as a timer's would, not as an unhandled rejection.
    const failed = dataChecks.failure();
    if (failed) throw failed.error;
    if (shouldContinueAsNew() && host.snapshot.status === 'active') {
      await condition(settled);
      const resume: ResumeState = {
        stateValue: host.snapshot.value as unknown,
        context: host.snapshot.context as unknown,
        seq: host.seq,
        timeline,
        timers,
        stepClocks,
        updatedAt: recorder.updatedAt,
        checkRuns: dataChecks.count(),
        alertsRaised: alarms.carried(),
      };
      // A migrated case continues on the version it was migrated to.
      await continueAsNew<typeof caseWorkflow>({ ...input, definitionVersion: definition.version, resume });
    }
  }
  await condition(settled);
  return view();
}

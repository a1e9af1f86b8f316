/**
 * One durable case, for any program. The chart is used as a pure transition function: this
 * workflow holds the snapshot, applies each event with `transition()`, and turns what the chart
 * declares into Temporal commands — activities (with idempotency keys) for records and notices,
 * durable timers with absolute due instants, cancelled when their state is left. A data check runs in
 * the background (see `dataCheck.ts`) and comes back as a system event the chart decides on.
 *
 * Decisions arrive as Updates whose validator asks the chart (`snapshot.can`) and the event's zod
 * schema, so a forbidden or malformed event is refused before it enters history.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition, transition } from 'xstate';
import type * as activityTypes from '../activities';
import type { AuditRecord, CaseRecord } from '../db/records';
import { definitionForVersion, hasDefinitionVersion, migrationPlanFor } from '../definitions';
import type { AnyProgramDefinition } from '../definitions';
import type { MigrationRebase } from '../definitions/engine/migrationPlan';
import { checkMigration } from '../definitions/engine/migrationPlan';
import type { ClockStarts, Deadline } from '../definitions/engine/clocks';
import { calendarFor, nationalCalendarYears } from '../definitions/calendar';
import type { ClockAlert } from '../definitions/engine/clockAlerts';
import { clockAlertEvents, clockAlerts } from '../definitions/engine/clockAlerts';
import { advanceStepClocks, runningDeadlines } from '../definitions/engine/clocks';
import type { Effect } from '../definitions/engine/effects';
import { effectsOf } from '../definitions/engine/effects';
import {
  activeStepClocks,
  allowedEvents,
  currentOwners,
  currentStep,
  eventLabelZh,
  eventName,
  openTasks,
  stepLabelZh,
} from '../definitions/engine/snapshotReading';
import type { Actor } from '../definitions/shared/actors';
import { systemActor } from '../definitions/shared/actors';
import { isHouseholdApplication, submissionDetails } from '../definitions/shared/intake';
import type { RulesWithDeadlines } from '../definitions/shared/programDefinition';
import type {
  CaseView,
  CaseWorkflowInput,
  EventRequest,
  MigrationAnswer,
  MigrationRequest,
  ResumeState,
  StartStamp,
  TimelineEntry,
} from './contract';
import {
  awaitRecordedUpdate,
  confirmStartUpdate,
  caseViewQuery,
  failureTypes,
  MIGRATE_DEFINITION_EVENT,
  migrateDefinitionUpdate,
  migrationCheckQuery,
  submitEventUpdate,
} from './contract';
import { createDataCheckRunner } from './dataCheck';
import { createRiskAssessor } from './riskAssessment';
import { createWriteGuard } from './writeGuard';
import { CaseDefinitionVersion, CaseDueAt, CaseState, caseStartAttributes } from './searchAttributes';

const caseActivities = proxyActivities<ReturnType<typeof activityTypes.createActivities>>({
  startToCloseTimeout: '30 seconds',
  // Records must land eventually: retry until the database is back, never give up on a decision.
  // A write the database refuses for good fails at once (DataError) and is held by the write guard.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DEFAULT_HISTORY_LIMIT = 5000;

interface CaseEvent {
  type: string;
  actor: Actor;
  at: string;
  [field: string]: unknown;
}

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  // Reassigned only by a live-case migration (migrateDefinition), which moves the case to another version.
  let definition = definitionForVersion(input.definitionVersion);
  let machine = definition.machine;
  const rules = input.rules as RulesWithDeadlines;
  const orgs = input.application.orgs;
  let payloadSchemas = definition.eventPayloads(rules);
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const writes = createWriteGuard();
  const {
    recordSubmission,
    recordTransition,
    issueNotice,
    startDisbursement,
    startScheduledPayment,
    changeEntitlement,
    openReferredCase,
  } = writes.guarded(caseActivities);

  let snapshot: AnyMachineSnapshot;
  let seq: number;
  let timeline: TimelineEntry[];
  let timers: ResumeState['timers'];
  let stepClocks: ClockStarts;
  let updatedAt: string;
  let recorded = false;
  let initialEffects: Effect[] = [];
  let checkRuns = 0;
  let checksInFlight = 0;
  let alertsRaised: string[] = [];

  if (input.resume) {
    snapshot = machine.resolveState({ value: input.resume.stateValue, context: input.resume.context } as never);
    ({ seq, timeline, timers, stepClocks, updatedAt, checkRuns } = input.resume);
    alertsRaised = input.resume.alertsRaised;
    recorded = true;
  } else {
    const at = new Date().toISOString();
    const [first, actions] = initialTransition(
      machine,
      definition.initialInput({
        caseId: input.caseId,
        orgs,
        rules,
        application: input.application,
        calendarYears: input.calendarYears,
      })
    );
    snapshot = first;
    seq = 0;
    updatedAt = at;
    stepClocks = advanceStepClocks({}, first, at);
    timers = {};
    initialEffects = effectsOf(actions);
    timeline = [
      {
        seq,
        at,
        event: 'SUBMIT',
        labelZh: '提交申请',
        actor: input.submittedBy,
        from: null,
        to: currentStep(first),
        toLabelZh: stepLabelZh(first),
        comment: null,
        details: submissionDetails(input.application),
      },
    ];
  }

  const risks = createRiskAssessor(input.caseId);
  const dataChecks = createDataCheckRunner({
    caseId: input.caseId,
    definition,
    rules,
    application: isHouseholdApplication(input.application) ? input.application : undefined,
    authorisedAt: timeline[0]?.at ?? updatedAt,
    eligibilityRules: input.eligibilityRules,
    policies: input.sourcePolicies,
    writes,
  });

  // Deadlines change only with a transition: compute them once per event, not per reader.
  let deadlinesCache: { seq: number; value: Deadline[] } | undefined;
  const deadlines = (): Deadline[] => {
    if (deadlinesCache?.seq !== seq) {
      deadlinesCache = {
        seq,
        value: runningDeadlines(definition, rules, orgs.county, stepClocks, snapshot.context, input.calendarYears),
      };
    }
    return deadlinesCache.value;
  };

  /**
   * The case as callers see it. Everything in it changes only with a new timeline line, so it is
   * built once per line: clients polling a case (queries) cost a lookup, not a round of questions
   * to the chart.
   */
  let viewCache: { seq: number; value: CaseView } | undefined;
  function view(): CaseView {
    if (viewCache?.seq !== seq) viewCache = { seq, value: buildView() };
    return viewCache.value;
  }

  function buildView(): CaseView {
    return {
      id: input.caseId,
      program: definition.program,
      programLabelZh: definition.labelZh,
      definitionVersion: definition.version,
      status: snapshot.status === 'active' ? 'active' : 'done',
      step: currentStep(snapshot),
      stepLabelZh: stepLabelZh(snapshot),
      stateValue: snapshot.value,
      orgs,
      owners: currentOwners(snapshot, orgs),
      allowedEvents: allowedEvents(definition, snapshot, orgs, new Date().toISOString()),
      deadlines: deadlines(),
      summary: definition.summary(snapshot.context),
      timeline,
      updatedAt,
    };
  }

  function caseRecord(): CaseRecord {
    const owners = currentOwners(snapshot, orgs);
    const running = deadlines();
    const figures = definition.figures(snapshot.context);
    const done = snapshot.status !== 'active';
    return {
      id: input.caseId,
      program: definition.program,
      definitionVersion: definition.version,
      status: done ? 'done' : 'active',
      step: currentStep(snapshot),
      stepLabelZh: stepLabelZh(snapshot),
      stateValue: snapshot.value,
      countyCode: orgs.county,
      townshipCode: orgs.township,
      villageCode: orgs.village,
      ownerRole: owners[0]?.role ?? null,
      ownerOrg: owners[0]?.org ?? null,
      pendingRoles: [...new Set(owners.map((o) => o.role))],
      dueAt: running[0]?.dueAt ?? null,
      overallDueAt: running.find((d) => d.key === 'overall' || d.key === 'overallExtended')?.dueAt ?? null,
      closeRelative: figures.closeRelative,
      monthlyAmount: figures.monthlyAmount,
      acceptedAt: figures.acceptedAt,
      decidedAt: figures.decidedAt,
      closedAt: done ? updatedAt : null,
      version: seq,
      tasks: openTasks(snapshot, orgs).map((task) => ({
        step: task.step,
        stepLabelZh: task.labelZh,
        role: task.role,
        org: task.org,
        dueAt: running.find((d) => d.key === task.deadline)?.dueAt ?? null,
      })),
      submittedAt: timeline[0]?.at ?? updatedAt,
      updatedAt,
      // Readers are served this from the read model; built once per timeline line (see `view`).
      view: view(),
    };
  }

  /** What visibility last received; an event that changes neither step nor due date costs nothing. */
  let published: { step: string; dueAt: string | undefined } | undefined;

  function publishSearchAttributes(): void {
    const step = currentStep(snapshot);
    const dueAt = deadlines()[0]?.dueAt;
    if (published?.step === step && published.dueAt === dueAt) return;
    const fixed = published === undefined ? caseStartAttributes(definition, orgs) : [];
    upsertSearchAttributes([
      ...fixed,
      { key: CaseState, value: step },
      { key: CaseDueAt, value: dueAt ? new Date(dueAt) : null },
    ]);
    published = { step, dueAt };
  }

  /** Carries out what a transition declared. Timers are bookkept at once; I/O runs concurrently. */
  async function perform(effects: Effect[], at: string, eventSeq: number, trigger: string): Promise<void> {
    const io: Promise<unknown>[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'startTimer':
          timers[effect.id] = {
            eventType: effect.eventType,
            dueAt: new Date(Date.parse(at) + effect.delayMs).toISOString(),
          };
          break;
        case 'cancelTimer':
          delete timers[effect.id];
          break;
        case 'notice':
          io.push(
            issueNotice({
              caseId: input.caseId,
              seq: eventSeq,
              notice: definition.renderNotice(effect.notice, snapshot.context),
              issuedAt: at,
            })
          );
          break;
        case 'dataCheck':
          startDataCheck(trigger);
          break;
        case 'openCase':
          if (isHouseholdApplication(input.application)) {
            io.push(
              openReferredCase({
                fromCaseId: input.caseId,
                referral: effect.referral,
                application: input.application,
                ...(input.householdId ? { householdId: input.householdId } : {}),
                settings: {
                  ...(input.calendarYears ? { calendarYears: input.calendarYears } : {}),
                  ...(input.sourcePolicies ? { sourcePolicies: input.sourcePolicies } : {}),
                  ...(input.historyLimit !== undefined ? { historyLimit: input.historyLimit } : {}),
                },
              })
            );
          }
          break;
        case 'paymentChange':
          io.push(changeEntitlement({ caseId: input.caseId, seq: eventSeq, ...effect.change }));
          break;
        case 'disbursement': {
          const { payment } = effect;
          if (payment.kind !== 'monthly') {
            io.push(
              startScheduledPayment({
                ...payment,
                caseId: input.caseId,
                program: definition.program,
                countyCode: orgs.county,
                decidedAt: at,
              })
            );
            break;
          }
          io.push(
            startDisbursement({
              caseId: input.caseId,
              seq: eventSeq,
              program: definition.program,
              countyCode: orgs.county,
              period: payment.period,
              amount: payment.amount,
              decidedAt: at,
            })
          );
          break;
        }
      }
    }
    await Promise.all(io);
  }

  /**
   * Starts a check run without waiting for it: the decision that started it returns at once, and
   * the run's result arrives later as DATA_CHECK_COMPLETED. Continue-as-new waits for runs in flight.
   */
  function startDataCheck(trigger: string): void {
    checkRuns += 1;
    checksInFlight += 1;
    const run = checkRuns;
    void dataChecks
      .run(run, trigger)
      .then((summary) => applySystemEvent({ type: 'DATA_CHECK_COMPLETED', ...summary }))
      .finally(() => {
        checksInFlight -= 1;
      });
  }

  /** An event the engine raises itself (a timer firing, a check finishing), if the chart still takes it. */
  async function applySystemEvent(fields: { type: string } & Record<string, unknown>): Promise<void> {
    const event: CaseEvent = { ...fields, type: fields.type, actor: systemActor, at: new Date().toISOString() };
    // The case may have moved on meanwhile (withdrawn during a check, a timer cancelled by a
    // decision in the same instant): the chart refuses, and the run stays on record regardless.
    if (snapshot.can(event)) await apply(event);
  }

  function refuse(type: string, message: string, details: unknown): never {
    throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
  }

  /** Issues of a payload its schema refuses, as the API reports them. */
  function invalid(type: string, error: { issues: { path: PropertyKey[]; message: string }[] }): never {
    refuse(failureTypes.invalidEvent, `Invalid ${type} payload`, {
      issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }

  /**
   * Checks a request against the event's schema, the chart, then the schema built for the case as
   * it stands (an amount a decision sets is held to what the case computed); returns the event to
   * apply. In that order: a decision the chart does not allow here is a 409 whatever its amount.
   */
  function admit(request: EventRequest): CaseEvent {
    // Nothing is decided that could not be recorded now.
    writes.refuseWhileBlocked();
    if (!Object.hasOwn(payloadSchemas, request.type)) {
      refuse(failureTypes.unknownEvent, `Unknown event ${request.type} for ${definition.program}`, {
        knownEvents: Object.keys(payloadSchemas),
      });
    }
    const shaped = payloadSchemas[request.type]!.safeParse(request.payload);
    if (!shaped.success) invalid(request.type, shaped.error);
    const stamp = { type: request.type, actor: request.actor, at: new Date().toISOString() };
    const event: CaseEvent = { ...(shaped.data as Record<string, unknown>), ...stamp };
    if (!snapshot.can(event)) {
      refuse(
        failureTypes.transitionRefused,
        `${request.type} is not allowed for ${request.actor.role} at ${currentStep(snapshot)}`,
        {
          step: currentStep(snapshot),
          stepLabelZh: stepLabelZh(snapshot),
          allowedEvents: allowedEvents(definition, snapshot, orgs, event.at),
        }
      );
    }
    const held = schemasForCase()[request.type]!.safeParse(request.payload);
    if (!held.success) invalid(request.type, held.error);
    return { ...(held.data as Record<string, unknown>), ...stamp };
  }

  /** The payload schemas built for the case as it stands: built once per timeline line, not per request. */
  let caseSchemasCache: { seq: number; value: ReturnType<typeof definition.eventPayloads> } | undefined;
  function schemasForCase(): ReturnType<typeof definition.eventPayloads> {
    if (caseSchemasCache?.seq !== seq)
      caseSchemasCache = { seq, value: definition.eventPayloads(rules, snapshot.context) };
    return caseSchemasCache.value;
  }

  /**
   * The validator's admission of the update about to be handled. The handler runs right after its
   * validator in the same activation, on arguments decoded anew (the same request, another object):
   * it takes the admitted event when the request and the case are unchanged instead of asking the
   * schemas and the chart again. On replay no validator runs, and the handler admits for itself.
   */
  let admittedByValidator: { request: string; seq: number; event: CaseEvent } | undefined;
  function admitOnce(request: EventRequest): CaseEvent {
    const admitted = admittedByValidator;
    admittedByValidator = undefined;
    if (admitted && admitted.seq === seq && admitted.request === JSON.stringify(request)) return admitted.event;
    return admit(request);
  }

  /**
   * Records are written one after another, in sequence order: a check result raised while the
   * decision that started the check is still being written must not land first, or the work lists
   * would credit the engine with closing the clerk's task and the audit chain would run out of order.
   */
  let recordsWritten: Promise<void> = Promise.resolve();

  /** Adds a line to the timeline and the audit trail, with the case row as it now stands. */
  function record(line: Omit<TimelineEntry, 'seq' | 'toLabelZh'>): Promise<void> {
    seq += 1;
    updatedAt = line.at;
    const entry: TimelineEntry = { ...line, seq, toLabelZh: stepLabelZh(snapshot) };
    timeline.push(entry);
    logCaseEvent(entry);
    publishSearchAttributes();
    const row = { caseRecord: caseRecord(), audit: auditOf(entry) };
    const written = recordsWritten.then(() => recordTransition(row));
    recordsWritten = written;
    return written;
  }

  /**
   * One log line per timeline line, through the worker's logger (the SDK's logger sink: not repeated
   * on replay). Codes only: the actor's role, never a name, the comment or the event's details.
   */
  function logCaseEvent(entry: TimelineEntry): void {
    log.info('case event', {
      caseId: input.caseId,
      program: definition.program,
      event: entry.event,
      from: entry.from,
      step: entry.to,
      seq: entry.seq,
      actorRole: entry.actor.role,
    });
  }

  function auditOf(entry: TimelineEntry): AuditRecord {
    return {
      caseId: input.caseId,
      seq: entry.seq,
      actor: entry.actor,
      event: entry.event,
      fromState: entry.from,
      toState: entry.to,
      comment: entry.comment,
      payload: entry.details,
      occurredAt: entry.at,
    };
  }

  /** Applies an admitted event: the state changes at once (so later validators see it), records follow. */
  async function apply(event: CaseEvent): Promise<void> {
    const fromStep = currentStep(snapshot);
    const [next, actions] = transition(machine, snapshot, event as never);
    snapshot = next;
    stepClocks = advanceStepClocks(stepClocks, next, event.at);
    const { type, actor, at, comment, ...details } = event;
    const name = eventName(definition, type);
    await Promise.all([
      record({
        at,
        event: name,
        labelZh: eventLabelZh(definition, type),
        actor,
        from: fromStep,
        to: currentStep(next),
        comment: typeof comment === 'string' ? comment : null,
        details,
      }),
      perform(effectsOf(actions), at, seq, name),
    ]);
  }

  const calendar = calendarFor(orgs.county, input.calendarYears ?? nationalCalendarYears);

  const runningAlerts = (): ClockAlert[] => clockAlerts(deadlines(), rules.alerts?.remindBefore.value, calendar);
  const liveAlertIds = (): Set<string> => new Set(runningAlerts().map((a) => a.id));

  /** Reminders and escalations the running clocks still owe. */
  function pendingAlerts(): ClockAlert[] {
    return runningAlerts().filter((alert) => !alertsRaised.includes(alert.id));
  }

  /**
   * A clock's reminder (to whoever the step waits for) or escalation (to the supervisor of the
   * case's county as well): a line in the timeline and the audit trail, the state unchanged.
   */
  async function raiseAlert(alert: ClockAlert): Promise<void> {
    alertsRaised.push(alert.id);
    const step = activeStepClocks(snapshot).find((c) => c.key === alert.deadline.key)?.step;
    const owners = currentOwners(snapshot, orgs).filter((o) => step === undefined || o.step === step);
    const notify = [
      ...owners.map(({ role, org }) => ({ role, org })),
      ...(alert.kind === 'overdue' ? [{ role: 'supervisor', org: orgs.county }] : []),
    ];
    const { event, labelZh } = clockAlertEvents[alert.kind];
    await record({
      at: new Date().toISOString(),
      event,
      labelZh: `${labelZh}：${alert.deadline.labelZh}`,
      actor: systemActor,
      from: currentStep(snapshot),
      to: currentStep(snapshot),
      comment: null,
      details: {
        deadline: alert.deadline.key,
        deadlineLabelZh: alert.deadline.labelZh,
        dueAt: alert.deadline.dueAt,
        source: alert.deadline.source,
        notify,
      },
    });
  }

  /**
   * What a migration to `to` would do to this case as it stands (docs/change-safety.md, "Live-case
   * migration"): the plan's verdict, with the re-based snapshot when it can move.
   */
  function judgeMigration(
    request: { from: string; to: string },
    at: string
  ): { answer: MigrationAnswer; target?: AnyProgramDefinition; rebase?: MigrationRebase } {
    const here = definition.version;
    if (here === request.to) return { answer: { outcome: 'alreadyMigrated', definitionVersion: here } };
    const cannot = (code: 'caseFinished' | 'versionMismatch' | 'noPlan', reasonZh: string) => ({
      answer: { outcome: 'cannotMigrate' as const, definitionVersion: here, code, reasonZh },
    });
    if (snapshot.status !== 'active') return cannot('caseFinished', '案件已办结，不需要迁移');
    if (here !== request.from) return cannot('versionMismatch', `案件使用的是 ${here}，不是 ${request.from}`);
    const plan = migrationPlanFor(request.from, request.to);
    if (!plan || !hasDefinitionVersion(request.to)) {
      return cannot('noPlan', `没有从 ${request.from} 迁移到 ${request.to} 的迁移方案`);
    }
    const target = definitionForVersion(request.to);
    const state = {
      stateValue: snapshot.value as unknown,
      context: snapshot.context as unknown,
      timers,
      stepClocks,
      rules,
    };
    const check = checkMigration(plan, definition, target, state, at);
    if (!check.ok) {
      return {
        answer: { outcome: 'cannotMigrate', definitionVersion: here, code: check.code, reasonZh: check.reasonZh },
      };
    }
    return {
      answer: { outcome: 'wouldMigrate', definitionVersion: here, states: check.states, timers: check.timers },
      target,
      rebase: check,
    };
  }

  /** Re-bases the case onto the plan's target version, keeping its clocks, with an audit line. */
  async function migrate(request: MigrationRequest): Promise<MigrationAnswer> {
    const at = new Date().toISOString();
    const { answer, target, rebase } = judgeMigration(request, at);
    if (answer.outcome === 'alreadyMigrated') return answer;
    if (answer.outcome !== 'wouldMigrate' || !target || !rebase) {
      refuse(failureTypes.migrationRefused, 'Migration refused', answer);
    }
    const fromStep = currentStep(snapshot);
    const fromVersion = definition.version;
    definition = target;
    machine = target.machine;
    payloadSchemas = target.eventPayloads(rules);
    snapshot = machine.resolveState({
      value: rebase.snapshot.stateValue,
      context: rebase.snapshot.context,
    } as never);
    timers = rebase.snapshot.timers;
    // Carried clocks keep their start; a step the new chart adds starts its clock now.
    stepClocks = advanceStepClocks(rebase.snapshot.stepClocks, snapshot, at);
    upsertSearchAttributes([{ key: CaseDefinitionVersion, value: target.version }]);
    await writes.unlessBlocked(
      record({
        at,
        event: MIGRATE_DEFINITION_EVENT,
        labelZh: `迁移办理版本：${fromVersion} → ${target.version}`,
        actor: request.actor,
        from: fromStep,
        to: currentStep(snapshot),
        comment: request.reason,
        details: {
          fromVersion,
          toVersion: target.version,
          plan: migrationPlanFor(fromVersion, target.version)?.labelZh ?? null,
          states: rebase.states,
          timers: rebase.timers,
        },
      })
    );
    return { ...answer, outcome: 'migrated', definitionVersion: target.version };
  }

  setHandler(caseViewQuery, view);
  setHandler(migrationCheckQuery, (request) => judgeMigration(request, new Date().toISOString()).answer);
  // A handler old histories never received: adding it changes no command they replay.
  setHandler(migrateDefinitionUpdate, migrate, {
    validator: (request: MigrationRequest) => {
      writes.refuseWhileBlocked();
      const { answer } = judgeMigration(request, new Date().toISOString());
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
      await writes.unlessBlocked(apply(admitOnce(request)));
      return view();
    },
    {
      validator: (request: EventRequest) => {
        admittedByValidator = undefined;
        const event = admit(request);
        admittedByValidator = { request: JSON.stringify(request), seq, event };
      },
    }
  );

  if (!input.resume) {
    publishSearchAttributes();
    const first = timeline[0]!;
    logCaseEvent(first);
    // Any decision that arrives meanwhile is written after the submission (see `record`).
    recordsWritten = recordSubmission({
      caseRecord: caseRecord(),
      application: input.application,
      audit: auditOf(first),
      ...(input.householdId ? { householdId: input.householdId } : {}),
    });
    await recordsWritten;
    await perform(initialEffects, first.at, 0, first.event);
    recorded = true;
    // Cases started before risk assessment existed replay without it; a referral has no household to assess.
    if (isHouseholdApplication(input.application) && patched('risk-assessment-on-submit')) risks.start();
  }

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;

  while (snapshot.status === 'active') {
    const seen = seq;
    const woken = () => seq !== seen || shouldContinueAsNew();
    const nextTimer = Object.entries(timers).sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt))[0];
    const nextAlert = pendingAlerts()[0];
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
          await raiseAlert(nextAlert);
        }
      }
    } else {
      await condition(woken);
    }
    if (shouldContinueAsNew() && snapshot.status === 'active') {
      await condition(() => allHandlersFinished() && checksInFlight === 0 && risks.idle() && writes.idle());
      const resume: ResumeState = {
        stateValue: snapshot.value,
        context: snapshot.context,
        seq,
        timeline,
        timers,
        stepClocks,
        updatedAt,
        checkRuns,
        // Only the alarms of clocks still running can come round again.
        alertsRaised: alertsRaised.filter((id) => liveAlertIds().has(id)),
      };
      // A migrated case continues on the version it was migrated to.
      await continueAsNew<typeof caseWorkflow>({ ...input, definitionVersion: definition.version, resume });
    }
  }
  await condition(() => allHandlersFinished() && checksInFlight === 0 && risks.idle() && writes.idle());
  return view();
}

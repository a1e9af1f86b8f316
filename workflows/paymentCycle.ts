/**
 * One county's payment cycle for one month, driven by the payment-cycle chart: the chart's entry
 * effects (freeze, build, export, reconcile) run as activities one after another and come back as
 * system events; finance staff's commands arrive as Updates whose validator asks the chart, so a
 * refused command (maker-checker included) never enters history. The workflow id is derived from
 * county and month, so the cycle exists once. Money moves only inside the activities' guarded
 * transactions (db/paymentSteps.ts), which is what keeps retries, replays and restarts from paying twice.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type * as paymentActivityTypes from '../activities/payments';
import type { CycleContext, CycleEffect, CycleEvent, CycleEventOf } from '../definitions/payments';
import {
  allowedCommands,
  cycleCommandPayloads,
  cycleEffectsOf,
  cycleEventLabelsZh,
  cycleMachine,
  cycleStep,
  cycleStepLabelZh,
  makerCheckerRefusal,
} from '../definitions/payments';
import { systemActor } from '../definitions/shared/actors';
import type { AdmissionRules } from './chartHost';
import { createChartHost, refuse } from './chartHost';
import type { CycleCommandRequest, CycleView, PaymentCycleInput } from './paymentContract';
import { cycleCommandUpdate, cycleFailureTypes, cycleViewQuery } from './paymentContract';
import { createWriteGuard } from './writeGuard';

type Activities = ReturnType<typeof paymentActivityTypes.createPaymentActivities>;

const stepActivities = proxyActivities<Activities>({
  // A 50 000-line county freezes and builds in seconds; the margin is for a busy database.
  startToCloseTimeout: '2 minutes',
  // Money steps must finish eventually: retry until the database is back (each retry is a no-op once done).
  // A step the database refuses for good is held by the write guard (shown as stuck) instead.
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// Booking a return file runs while the caller waits for the answer: a few attempts, then the error.
const { recordReturn } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 5 },
});

export async function paymentCycle(input: PaymentCycleInput): Promise<CycleView> {
  const writes = createWriteGuard();
  const steps = writes.guarded(stepActivities);
  const key = { cycleId: input.cycleId, county: input.county, period: input.period, rules: input.rules };
  const [first, firstActions] = initialTransition(cycleMachine, key);
  const host = createChartHost({ machine: cycleMachine, snapshot: first, seq: 0, writes });
  const startedAt = new Date().toISOString();
  const timeline: CycleView['timeline'] = [
    {
      seq: host.seq,
      at: startedAt,
      event: 'START',
      labelZh: '发起发放周期',
      actor: input.startedBy,
      from: null,
      to: cycleStep(first),
    },
  ];
  const pending: CycleEffect[] = cycleEffectsOf(firstActions);

  function view(): CycleView {
    const { snapshot } = host;
    const c = snapshot.context as CycleContext;
    return {
      id: input.cycleId,
      county: input.county,
      period: input.period,
      status: snapshot.status === 'done' ? 'done' : 'active',
      step: cycleStep(snapshot),
      stepLabelZh: cycleStepLabelZh(snapshot),
      roll: c.roll,
      batch: c.batch,
      preparer: c.preparer,
      approver: c.approver,
      corrections: c.corrections,
      bankFile: c.bankFile,
      returns: c.returns,
      reconciliation: c.reconciliation,
      allowedCommands: snapshot.status === 'active' ? allowedCommands(snapshot, new Date().toISOString()) : [],
      timeline,
    };
  }

  function recordState(at: string, version: number): Promise<void> {
    const c = host.snapshot.context as CycleContext;
    const record = {
      cycleId: input.cycleId,
      county: input.county,
      period: input.period,
      state: cycleStep(host.snapshot),
      preparer: c.preparer,
      approver: c.approver,
      rules: input.rules,
      version,
      updatedAt: at,
    };
    return host.write(() => steps.recordCycleState(record));
  }

  async function apply(event: CycleEvent): Promise<void> {
    const { from, actions } = host.transition(event);
    const seq = host.nextSeq();
    const to = cycleStep(host.snapshot);
    timeline.push({
      seq,
      at: event.at,
      event: event.type,
      labelZh: cycleEventLabelsZh[event.type] ?? event.type,
      actor: event.actor,
      from: cycleStep(from),
      to,
    });
    pending.push(...cycleEffectsOf(actions));
    log.info('payment cycle event', {
      cycleId: input.cycleId,
      county: input.county,
      period: input.period,
      event: event.type,
      from: cycleStep(from),
      step: to,
      actorRole: event.actor.role,
    });
    await recordState(event.at, seq);
  }

  /** Finance staff's commands: their schemas, maker-checker, then the chart. */
  const commandRules: AdmissionRules = {
    schemas: cycleCommandPayloads,
    unknownMessage: (type) => `Unknown payment cycle command ${type}`,
    refuseFirst: (event) => {
      const makerChecker = makerCheckerRefusal(host.snapshot, event.type, event.actor);
      if (makerChecker) refuse(cycleFailureTypes.makerChecker, makerChecker, { step: cycleStep(host.snapshot) });
    },
    notAllowed: (event) => ({
      message: `${event.type} not allowed at ${cycleStep(host.snapshot)}`,
      details: {
        step: cycleStep(host.snapshot),
        stepLabelZh: cycleStepLabelZh(host.snapshot),
        allowedEvents: allowedCommands(host.snapshot, event.at),
      },
    }),
  };
  const admit = (request: CycleCommandRequest) => host.admit(request, commandRules) as CycleEvent;

  // One return file at a time: the second waits, then is admitted against the state the first left.
  let bookingReturn = false;

  /** Books a return file before the chart moves, so a refused file leaves the cycle (and the ledger) as it was. */
  async function recordReturnEvent(request: CycleCommandRequest): Promise<void> {
    await condition(() => !bookingReturn);
    bookingReturn = true;
    try {
      const event = admit(request) as CycleEventOf<'RECORD_RETURN'>;
      // The same file uploaded again (same content, same stored file) was booked already: nothing to do.
      const earlier = (host.snapshot.context as CycleContext).returns.find((r) => r.fileId === event.fileId);
      if (earlier) return;
      const summary = await recordReturn({ key, fileId: event.fileId }).catch((error: unknown) => {
        const cause = error instanceof ActivityFailure ? error.cause : undefined;
        if (cause instanceof ApplicationFailure && cause.type === cycleFailureTypes.returnFileRejected) {
          refuse(cycleFailureTypes.returnFileRejected, cause.message, cause.details?.[0] ?? {});
        }
        throw error;
      });
      await apply({ ...event, summary });
    } finally {
      bookingReturn = false;
    }
  }

  setHandler(cycleViewQuery, view);
  setHandler(
    cycleCommandUpdate,
    async (request) => {
      // A held write answers the caller now; the command's state lands once the write is retried.
      await writes.unlessBlocked(request.type === 'RECORD_RETURN' ? recordReturnEvent(request) : apply(admit(request)));
      return view();
    },
    { validator: (request: CycleCommandRequest) => void admit(request) }
  );

  /** Runs one declared effect and reports its result to the chart. */
  async function perform(effect: CycleEffect): Promise<void> {
    const system = { actor: systemActor };
    switch (effect) {
      case 'freezeRoll': {
        const roll = await steps.freezeRoll(key);
        return apply({ type: 'ROLL_FROZEN', ...roll, ...system, at: new Date().toISOString() });
      }
      case 'buildBatch': {
        const summary = await steps.buildBatch(key);
        return apply({ type: 'BATCH_BUILT', summary, ...system, at: new Date().toISOString() });
      }
      case 'exportBankFile': {
        const file = await steps.exportBankFile(key);
        return apply({ type: 'BANK_FILE_EXPORTED', ...file, ...system, at: new Date().toISOString() });
      }
      case 'reconcile': {
        const summary = await steps.reconcile(key);
        return apply({ type: 'RECONCILED', summary, ...system, at: new Date().toISOString() });
      }
    }
  }

  await recordState(startedAt, host.seq);
  while (host.snapshot.status === 'active') {
    await condition(() => pending.length > 0 || host.snapshot.status !== 'active');
    const effect = pending.shift();
    if (effect) await perform(effect);
  }
  await condition(allHandlersFinished);
  await host.written();
  return view();
}

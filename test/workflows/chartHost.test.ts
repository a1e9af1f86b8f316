/**
 * The chart host both chart-driven workflows share, on the payment-cycle chart without a server:
 * what it refuses and in which order, what it numbers, and the order its writes land in.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { PaymentRules } from '../../definitions/payments';
import {
  PAYMENT_RULES_PROGRAM,
  cycleCommandPayloads,
  cycleMachine,
  paymentConfigEntries,
  paymentRulesSchema,
} from '../../definitions/payments';
import type { Actor } from '../../definitions/shared/actors';
import { systemActor } from '../../definitions/shared/actors';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import type { AdmissionRules, ChartRequest } from '../../workflows/chartHost';
import { createChartHost, refuse } from '../../workflows/chartHost';
import type { WriteGuard } from '../../workflows/writeGuard';

const county = '379111';
const rules: PaymentRules = resolveRules(
  paymentConfigEntries,
  paymentRulesSchema,
  PAYMENT_RULES_PROGRAM,
  county,
  '2026-11-29'
);
const maker: Actor = { userId: 'fin-maker', role: 'finance', org: county };
const checker: Actor = { userId: 'fin-checker', role: 'finance', org: county };
const at = '2026-12-01T02:00:00.000Z';
const batch = { payableLines: 2, payableAmount: '10.00', heldLines: 0, heldReasons: {}, alreadyInLedgerLines: 0 };

/** A write guard with nothing held, or one holding a write (every decision refused). */
function guard(blocked = false): WriteGuard {
  return {
    guarded: (activities) => activities,
    unlessBlocked: (work) => work,
    refuseWhileBlocked: () => {
      if (blocked) refuse('WriteBlocked', 'held', {});
    },
    idle: () => true,
  };
}

function hostAtBatchBuilt(writes = guard()) {
  const [first] = initialTransition(cycleMachine, { cycleId: 'PC-1', county, period: '2026-12', rules });
  const host = createChartHost({ machine: cycleMachine, snapshot: first, seq: 0, writes });
  host.transition({ type: 'ROLL_FROZEN', actor: systemActor, at, lines: 2, amount: '10.00' });
  host.transition({ type: 'BATCH_BUILT', actor: systemActor, at, summary: batch });
  return host;
}

const admission: AdmissionRules = {
  schemas: cycleCommandPayloads,
  unknownMessage: (type) => `Unknown command ${type}`,
  refuseFirst: (event) => {
    if (event.type === 'APPROVE' && event.actor.userId === maker.userId)
      refuse('MakerCheckerRefused', '制单人不能审核', {});
  },
  notAllowed: (event) => ({ message: `${event.type} not allowed`, details: { step: 'x' } }),
};

/** The failure type an admission throws, or 'admitted'. */
function outcome(admit: () => unknown): string {
  try {
    admit();
    return 'admitted';
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? 'untyped';
    throw error;
  }
}

const request = (type: string, actor: Actor, payload: Record<string, unknown> = {}): ChartRequest => ({
  type,
  actor,
  payload,
});

describe('chart host / admission', () => {
  it('stamps an admitted event with its sender and instant, the payload as its schema reads it', () => {
    const host = hostAtBatchBuilt();
    const event = host.admit(request('SUBMIT_FOR_APPROVAL', maker, { comment: '本月批次' }), admission);
    expect(event).toMatchObject({ type: 'SUBMIT_FOR_APPROVAL', actor: maker, comment: '本月批次' });
    expect(typeof event.at).toBe('string');
  });

  it('refuses an unknown type, then a malformed payload, then the workflow’s own rule, then what the chart does not allow now', () => {
    const host = hostAtBatchBuilt();
    expect(outcome(() => host.admit(request('PAY_EVERYONE', maker), admission))).toBe('UnknownEvent');
    expect(outcome(() => host.admit(request('RETURN_FOR_CORRECTION', checker, { reason: '' }), admission))).toBe(
      'InvalidEvent'
    );
    expect(outcome(() => host.admit(request('APPROVE', maker), admission))).toBe('MakerCheckerRefused');
    expect(outcome(() => host.admit(request('APPROVE', checker), admission))).toBe('TransitionRefused');
  });

  it('decides nothing while a write is held', () => {
    const host = hostAtBatchBuilt(guard(true));
    expect(outcome(() => host.admit(request('SUBMIT_FOR_APPROVAL', maker), admission))).toBe('WriteBlocked');
  });
});

describe('chart host / applying and recording', () => {
  it('moves the chart at once and numbers lines only when asked, one after another', () => {
    const host = hostAtBatchBuilt();
    expect(host.seq).toBe(0);
    const { from } = host.transition({ type: 'SUBMIT_FOR_APPROVAL', actor: maker, at });
    expect(from.value).toBe('batchBuilt');
    expect(host.snapshot.value).toBe('awaitingApproval');
    expect([host.nextSeq(), host.nextSeq()]).toEqual([1, 2]);
    expect(host.seq).toBe(2);
  });

  it('lands writes in the order they were queued, whichever finishes its own work first', async () => {
    const host = hostAtBatchBuilt();
    const landed: string[] = [];
    const slow = host.write(
      () => new Promise<void>((resolve) => setTimeout(() => resolve(void landed.push('first')), 20))
    );
    const fast = host.write(() => Promise.resolve(void landed.push('second')));
    await Promise.all([slow, fast, host.written()]);
    expect(landed).toEqual(['first', 'second']);
  });
});

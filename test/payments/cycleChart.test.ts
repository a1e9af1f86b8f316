import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { makerChecker } from '../../definitions/access';
import type { PaymentRules } from '../../definitions/payments';
import {
  PAYMENT_RULES_PROGRAM,
  allowedCommands,
  cycleEffectsOf,
  cycleMachine,
  makerCheckerRefusal,
  paymentConfigEntries,
  paymentRulesSchema,
} from '../../definitions/payments';
import type { Actor } from '../../definitions/shared/actors';
import { systemActor } from '../../definitions/shared/actors';
import { resolveRules } from '../../definitions/shared/rulesConfig';

const rules: PaymentRules = resolveRules(
  paymentConfigEntries,
  paymentRulesSchema,
  PAYMENT_RULES_PROGRAM,
  '379111',
  '2026-11-29'
);
const maker: Actor = { userId: 'fin-maker', role: 'finance', org: '379111' };
const checker: Actor = { userId: 'fin-checker', role: 'finance', org: '379111' };
const at = '2026-12-01T02:00:00Z';
const summary = { paidLines: 2, paidAmount: '10.00', failedLines: 0, failedAmount: '0.00', outstandingLines: 0 };

class Cycle {
  snapshot: AnyMachineSnapshot;
  effects: string[];
  constructor() {
    const [first, actions] = initialTransition(cycleMachine, {
      cycleId: 'PC-379111-2026-12',
      county: '379111',
      period: '2026-12',
      rules,
    });
    this.snapshot = first;
    this.effects = cycleEffectsOf(actions);
  }
  can(event: Record<string, unknown>): boolean {
    return this.snapshot.can({ at, ...event });
  }
  send(event: Record<string, unknown>): this {
    if (!this.can(event)) throw new Error(`${String(event.type)} refused in ${JSON.stringify(this.snapshot.value)}`);
    const [next, actions] = transition(cycleMachine, this.snapshot, { at, ...event } as never);
    this.snapshot = next;
    this.effects = cycleEffectsOf(actions);
    return this;
  }
  toAwaitingApproval(): this {
    return this.send({ type: 'ROLL_FROZEN', actor: systemActor, lines: 2, amount: '10.00' })
      .send({
        type: 'BATCH_BUILT',
        actor: systemActor,
        summary: { payableLines: 2, payableAmount: '10.00', heldLines: 0, heldReasons: {}, alreadyInLedgerLines: 0 },
      })
      .send({ type: 'SUBMIT_FOR_APPROVAL', actor: maker });
  }
}

describe('payments / cycle chart', () => {
  it('runs freeze → build → approval → export → return → reconciled, declaring each step as an effect', () => {
    const cycle = new Cycle();
    expect(cycle.effects).toEqual(['freezeRoll']);
    cycle.send({ type: 'ROLL_FROZEN', actor: systemActor, lines: 2, amount: '10.00' });
    expect(cycle.effects).toEqual(['buildBatch']);
    cycle.send({
      type: 'BATCH_BUILT',
      actor: systemActor,
      summary: { payableLines: 2, payableAmount: '10.00', heldLines: 0, heldReasons: {}, alreadyInLedgerLines: 0 },
    });
    expect(cycle.snapshot.value).toBe('batchBuilt');
    cycle.send({ type: 'SUBMIT_FOR_APPROVAL', actor: maker }).send({ type: 'APPROVE', actor: checker });
    expect(cycle.effects).toEqual(['exportBankFile']);
    expect(cycle.snapshot.context).toMatchObject({ preparer: maker, approver: checker });
    cycle.send({ type: 'BANK_FILE_EXPORTED', actor: systemActor, fileId: '1', lines: 2, amount: '10.00', sha256: 'x' });
    cycle.send({ type: 'RECORD_RETURN', actor: checker, fileId: '2', summary });
    expect(cycle.effects).toEqual(['reconcile']);
    cycle.send({ type: 'RECONCILED', actor: systemActor, summary });
    expect(cycle.snapshot.value).toBe('reconciled');
    expect(cycle.snapshot.status).toBe('done');
  });

  it('refuses approval by the preparer (maker-checker) and says why', () => {
    const cycle = new Cycle().toAwaitingApproval();
    expect(cycle.can({ type: 'APPROVE', actor: maker })).toBe(false);
    expect(cycle.can({ type: 'RETURN_FOR_CORRECTION', actor: maker, reason: 'x' })).toBe(false);
    expect(makerCheckerRefusal(cycle.snapshot, 'APPROVE', maker)).toContain('制单人不能审核本批次');
    expect(makerCheckerRefusal(cycle.snapshot, 'APPROVE', checker)).toBeNull();
    // The workflow refuses in the words the API's access policy uses (one rule, asked in both places).
    const policy = makerChecker({ ...maker, role: 'finance' }, 'APPROVE', {
      step: 'awaitingApproval',
      preparer: maker,
    });
    expect(policy.allowed ? null : policy.refusal.messageZh).toContain(
      makerCheckerRefusal(cycle.snapshot, 'APPROVE', maker)!
    );
    expect(allowedCommands(cycle.snapshot, at)).toEqual([
      expect.objectContaining({ type: 'APPROVE', excludedUserId: 'fin-maker' }),
      expect.objectContaining({ type: 'RETURN_FOR_CORRECTION', excludedUserId: 'fin-maker' }),
    ]);
  });

  it('treats user ids that differ only in case, spacing or full-width form as the preparer', () => {
    const cycle = new Cycle().toAwaitingApproval();
    for (const userId of ['FIN-MAKER', ' Fin-Maker ', 'ＦＩＮ－ＭＡＫＥＲ']) {
      const sameMaker = { ...maker, userId };
      expect(cycle.can({ type: 'APPROVE', actor: sameMaker })).toBe(false);
      expect(cycle.can({ type: 'RETURN_FOR_CORRECTION', actor: sameMaker, reason: 'x' })).toBe(false);
      expect(makerCheckerRefusal(cycle.snapshot, 'APPROVE', sameMaker)).toContain('制单人不能审核本批次');
    }
    expect(cycle.can({ type: 'APPROVE', actor: { ...checker, userId: 'FIN-CHECKER' } })).toBe(true);
  });

  it('lets only finance staff of the cycle county decide', () => {
    const cycle = new Cycle().toAwaitingApproval();
    expect(cycle.can({ type: 'APPROVE', actor: { ...checker, org: '379112' } })).toBe(false);
    expect(cycle.can({ type: 'APPROVE', actor: { ...checker, role: 'county' } })).toBe(false);
    expect(cycle.can({ type: 'ROLL_FROZEN', actor: checker, lines: 0, amount: '0' })).toBe(false);
  });

  it('returns a batch for correction and takes it back when resubmitted', () => {
    const cycle = new Cycle().toAwaitingApproval();
    cycle.send({ type: 'RETURN_FOR_CORRECTION', actor: checker, reason: '账户信息待核实' });
    expect(cycle.snapshot.value).toBe('returnedForCorrection');
    expect(cycle.can({ type: 'APPROVE', actor: checker })).toBe(false);
    cycle.send({ type: 'SUBMIT_FOR_APPROVAL', actor: maker }).send({ type: 'APPROVE', actor: checker });
    expect(cycle.snapshot.value).toBe('approved');
  });

  it('closes a month with nothing to pay without waiting for a return', () => {
    const cycle = new Cycle().toAwaitingApproval().send({ type: 'APPROVE', actor: checker });
    cycle.send({ type: 'BANK_FILE_EXPORTED', actor: systemActor, fileId: '1', lines: 0, amount: '0.00', sha256: 'x' });
    expect(cycle.snapshot.value).toBe('reconciled');
  });

  it('waits for the rest of the return while the bank has lines outstanding', () => {
    const cycle = new Cycle().toAwaitingApproval().send({ type: 'APPROVE', actor: checker });
    cycle.send({ type: 'BANK_FILE_EXPORTED', actor: systemActor, fileId: '1', lines: 2, amount: '10.00', sha256: 'x' });
    const partial = { ...summary, paidLines: 1, outstandingLines: 1 };
    cycle.send({ type: 'RECORD_RETURN', actor: checker, fileId: '2', summary: partial });
    cycle.send({ type: 'RECONCILED', actor: systemActor, summary: partial });
    expect(cycle.snapshot.value).toBe('exported');
    expect(cycle.can({ type: 'RECORD_RETURN', actor: checker, fileId: '3', summary })).toBe(true);
  });
});

/**
 * Effects carry their data: what a step pays, changes or opens is computed when the chart's action
 * runs, from the context as the step has left it so far, so the case workflow needs nothing from the
 * program to carry it out, and two of a kind in one step are two effects with their own data.
 */
import { assign, createMachine, setup, transition } from 'xstate';
import type { DibaoContext } from '../../definitions/dibao/chart';
import { dibaoMachine } from '../../definitions/dibao/chart';
import { paymentChangeOf } from '../../definitions/dibao/ongoing';
import type { EmittedEffect } from '../../definitions/engine/effects';
import { effectsOf, emitEffect } from '../../definitions/engine/effects';
import { DibaoDriver } from '../support/chartDriver';
import { actors, homeVisit } from '../support/factories';

const window = actors.window();
const township = actors.township();
const county = actors.county();

/** A counter that emits what it has counted: enough to watch when a payload is computed. */
const counter = setup({
  types: { context: {} as { count: number }, events: {} as { type: 'COUNT' }, emitted: {} as EmittedEffect },
  actions: {
    increment: assign({ count: ({ context }) => context.count + 1 }),
    pay: emitEffect(({ count }) =>
      count > 1 ? { type: 'disbursement', payment: { kind: 'monthly', period: '2026-12', amount: count } } : null
    ),
  },
}).createMachine({ context: { count: 0 }, on: { COUNT: { actions: ['increment', 'pay', 'increment', 'pay'] } } });

/** A dibao case approved at 500 yuan a month on 2026-11-30. */
const approved = () =>
  new DibaoDriver()
    .send('ACCEPT', window)
    .send('RECORD_HOME_VISIT', township, homeVisit)
    .checkCompleted()
    .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' })
    .fire('xstate.after.publicNoticePeriod.dibao.publicNotice')
    .send('APPROVE', county, { monthlyAmount: 500 });

describe('chart effects / payloads', () => {
  it('computes each payload when its action runs, after the updates before it in the same step', () => {
    const [next, actions] = transition(counter, counter.resolveState({ value: {}, context: { count: 0 } }), {
      type: 'COUNT',
    });
    expect(next.context.count).toBe(2);
    // The first `pay` saw 1 and emitted nothing; the second saw 2
    expect(effectsOf(actions)).toEqual([
      { kind: 'disbursement', payment: { kind: 'monthly', period: '2026-12', amount: 2 } },
    ]);
  });

  it('an approval carries the payment it starts: month and amount, with nothing left to ask the program', () => {
    const d = approved();
    expect(d.effects).toContainEqual({
      kind: 'disbursement',
      payment: { kind: 'monthly', period: '2026-12', amount: 500 },
    });
  });

  it('two payment changes in one step are both carried out, each with its own data', () => {
    // The dibao chart with one step that changes the amount, then decides a second change (a stop)
    const stop = assign({
      ongoing: ({ context }: { context: DibaoContext }) => ({
        ...context.ongoing,
        paymentChange: paymentChangeOf(context, {
          kind: 'stop',
          monthlyAmount: null,
          ground: '停发',
          at: '2026-12-10',
        }),
      }),
    });
    const twice = createMachine(
      {
        ...dibaoMachine.config,
        on: {
          ...dibaoMachine.config.on,
          CHANGE_BENEFIT_AMOUNT: {
            actions: [
              { type: 'recordRecheckDecision', params: { outcome: 'changeAmount' } },
              'changePayment',
              stop,
              'changePayment',
            ],
          },
        },
      } as never,
      dibaoMachine.implementations as never
    );
    const dibao = approved();
    const from = twice.resolveState({ value: dibao.snapshot.value, context: dibao.snapshot.context });
    const [next, actions] = transition(twice, from, {
      type: 'CHANGE_BENEFIT_AMOUNT',
      actor: county,
      at: '2026-12-10T01:00:00.000Z',
      monthlyAmount: 380,
      ground: '收入增加',
    });
    const changes = effectsOf(actions).filter((e) => e.kind === 'paymentChange');
    expect(changes).toEqual([
      {
        kind: 'paymentChange',
        change: expect.objectContaining({ kind: 'amount', monthlyAmount: 380, lastPeriod: null }),
      },
      { kind: 'paymentChange', change: expect.objectContaining({ kind: 'stop', monthlyAmount: null }) },
    ]);
    // The context keeps only the latest, as the case view shows it; the effects kept both
    expect((next.context as DibaoContext).ongoing.paymentChange).toMatchObject({ kind: 'stop' });
  });
});

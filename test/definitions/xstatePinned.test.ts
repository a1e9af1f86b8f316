/**
 * What the engine relies on from XState beyond what its types promise, pinned on the installed
 * version so an upgrade that changes any of it fails here first. Running cases carry timers keyed by
 * XState's delayed-event names (in their resume state and in recorded histories), and timelines list
 * parallel steps in the order the chart reports them. The guard and action shapes read by
 * definitions/engine/xstateIntrospection.ts are pinned in chartFingerprint.test.ts.
 */
import { initialTransition, setup, transition } from 'xstate';
import { timerOf, timersAt } from '../../definitions/engine/chartTimers';
import { activeSteps } from '../../definitions/engine/snapshotReading';
import { effectsOf } from '../../definitions/engine/effects';
import { version } from 'xstate/package.json';

const machine = setup({ delays: { noticePeriod: 7 * 24 * 3600 * 1000 } }).createMachine({
  id: 'pinned',
  initial: 'notice',
  states: {
    notice: { after: { noticePeriod: 'review' }, on: { NEXT: 'review' } },
    review: {
      type: 'parallel',
      states: {
        visit: {
          initial: 'pending',
          states: {
            pending: { meta: { labelZh: '入户' }, on: { VISITED: 'done' } },
            done: { meta: { labelZh: '入户完成' } },
          },
        },
        check: { initial: 'running', states: { running: { meta: { labelZh: '核对' } } } },
      },
    },
  },
});

describe('xstate behaviour the engine relies on (pinned on xstate 5.33.3)', () => {
  it('is the version these pins were taken on', () => {
    expect(version).toBe('5.33.3');
  });

  it('names a delayed event xstate.after.<delay>.<state id>, as running cases store their timers', () => {
    expect(timersAt(machine, 'notice')).toEqual([
      { eventType: 'xstate.after.noticePeriod.pinned.notice', delay: 'noticePeriod', statePath: 'notice' },
    ]);
    expect(timerOf(machine, 'xstate.after.noticePeriod.pinned.notice')?.delay).toBe('noticePeriod');
    expect(timerOf(machine, 'NEXT')).toBeUndefined();
  });

  it('starts and cancels a timer under its event name as id', () => {
    const [start, entry] = initialTransition(machine);
    const id = 'xstate.after.noticePeriod.pinned.notice';
    expect(effectsOf(entry)).toEqual([{ kind: 'startTimer', id, eventType: id, delayMs: 7 * 24 * 3600 * 1000 }]);
    const [, exit] = transition(machine, start, { type: 'NEXT' });
    expect(effectsOf(exit)).toEqual([{ kind: 'cancelTimer', id }]);
  });

  it('lists active steps with meta in the order the chart entered them', () => {
    const [start] = initialTransition(machine);
    const [inReview] = transition(machine, start, { type: 'NEXT' });
    expect(activeSteps(inReview).map((s) => s.path)).toEqual(['review.visit.pending', 'review.check.running']);
    const [visited] = transition(machine, inReview, { type: 'VISITED' });
    expect(activeSteps(visited).map((s) => s.path)).toEqual(['review.check.running', 'review.visit.done']);
  });
});

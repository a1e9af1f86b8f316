/**
 * A chart's timers (its delayed transitions, `after: { publicNoticePeriod: … }`), read through the
 * state nodes' public `after` definitions: which event a timer raises, in which state, under which
 * delay name. The engine asks the chart rather than taking XState's event names apart, so a
 * different naming in a later XState only shows in test/definitions/xstatePinned.test.ts.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allStateNodes } from './stateNodes';

export interface ChartTimer {
  /** The event the timer raises when it runs out (also its id while it runs). */
  eventType: string;
  /** The delay's name in the chart, e.g. 'publicNoticePeriod'. */
  delay: string;
  /** Dotted path below the machine root of the state that runs the timer. */
  statePath: string;
}

function timersOfNode(node: AnyStateNode): ChartTimer[] {
  return node.after.flatMap((transition) =>
    typeof transition.delay === 'function'
      ? []
      : [{ eventType: transition.eventType as string, delay: String(transition.delay), statePath: node.path.join('.') }]
  );
}

/** Charts are immutable once built, so each one's timers are listed once. */
const timersByMachine = new WeakMap<AnyStateMachine, Map<string, ChartTimer>>();

function timersOf(machine: AnyStateMachine): Map<string, ChartTimer> {
  let timers = timersByMachine.get(machine);
  if (timers === undefined) {
    timers = new Map([...allStateNodes(machine.root)].flatMap(timersOfNode).map((t) => [t.eventType, t] as const));
    timersByMachine.set(machine, timers);
  }
  return timers;
}

/** The timer that raises this event, or undefined when the event is not a timer's. */
export function timerOf(machine: AnyStateMachine, eventType: string): ChartTimer | undefined {
  return timersOf(machine).get(eventType);
}

/** The timers a state runs itself (not those of the states below it). */
export function timersAt(machine: AnyStateMachine, statePath: string): ChartTimer[] {
  return [...timersOf(machine).values()].filter((t) => t.statePath === statePath);
}

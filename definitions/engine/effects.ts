/**
 * What a chart's transition causes, as data. Notices and data checks are named actions with static
 * params; a payment, a change to what is paid and a case to open are emitted by the chart with their
 * payload, computed from the context as it stands when the action runs (after the step's earlier
 * updates), so two in one step are two effects with their own data. `effectsOf` turns the action
 * objects XState's pure `transition()` returns into the engine's effects, timers included; anything
 * else (assignments) has already been applied to the snapshot. No I/O: runs inside the workflow sandbox.
 */
import type { EventObject, MachineContext } from 'xstate';
import { enqueueActions } from 'xstate';
import type { CaseReferral, FirstPayment, PaymentChange, ScheduledPayment } from '../shared/programDefinition';
import type { NoticeKind } from '../shared/stateMeta';

/** A payment to book: the first month of a monthly entitlement, or a schedule (stages, help first). */
export type Disbursement = ({ kind: 'monthly' } & FirstPayment) | ScheduledPayment;

/** The events charts emit (`types.emitted` in their `setup`) for the host to carry out. */
export type EmittedEffect =
  | { type: 'disbursement'; payment: Disbursement }
  | { type: 'paymentChange'; change: PaymentChange }
  | { type: 'openCase'; referral: CaseReferral };

export type Effect =
  | { kind: 'notice'; notice: NoticeKind }
  | { kind: 'dataCheck' }
  | { kind: 'disbursement'; payment: Disbursement }
  | { kind: 'paymentChange'; change: PaymentChange }
  | { kind: 'openCase'; referral: CaseReferral }
  | { kind: 'startTimer'; id: string; eventType: string; delayMs: number }
  | { kind: 'cancelTimer'; id: string };

/**
 * A chart action that emits the effect `of` computes from the context when the action runs;
 * nothing when there is nothing to do (a termination that suggests no move). Name it in `setup`.
 */
export function emitEffect<TContext extends MachineContext, TEvent extends EventObject>(
  // The chart's context, not the part `of` reads, types the action.
  of: (context: NoInfer<TContext>) => EmittedEffect | null
) {
  // Emits only: no actors, actions, guards or delays of its own, whatever the chart names.
  return enqueueActions<TContext, TEvent, undefined, TEvent, never, never, never, never, EmittedEffect>(
    ({ context, enqueue }) => {
      const effect = of(context);
      if (effect) enqueue.emit(effect);
    }
  );
}

interface ActionObject {
  type: string;
  params?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An emitted event as the engine's effect; the charts' `setup` types what they emit. */
function emittedEffect(event: Record<string, unknown>): Effect | null {
  const emitted = event as EmittedEffect;
  switch (emitted.type) {
    case 'disbursement':
      return { kind: 'disbursement', payment: emitted.payment };
    case 'paymentChange':
      return { kind: 'paymentChange', change: emitted.change };
    case 'openCase':
      return { kind: 'openCase', referral: emitted.referral };
    default:
      return null;
  }
}

export function effectsOf(actions: readonly ActionObject[]): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = isRecord(action.params) ? action.params : {};
    switch (action.type) {
      case 'issueNotice':
        effects.push({ kind: 'notice', notice: params.kind as NoticeKind });
        break;
      case 'runDataCheck':
        effects.push({ kind: 'dataCheck' });
        break;
      case 'xstate.emit': {
        const effect = isRecord(params.event) ? emittedEffect(params.event) : null;
        if (effect) effects.push(effect);
        break;
      }
      case 'xstate.raise': {
        // Only delayed raises reach us; immediate ones are processed inside the transition.
        const event = isRecord(params.event) ? params.event : {};
        if (typeof params.delay === 'number' && typeof params.id === 'string' && typeof event.type === 'string') {
          effects.push({ kind: 'startTimer', id: params.id, eventType: event.type, delayMs: params.delay });
        }
        break;
      }
      case 'xstate.cancel':
        if (typeof params.sendId === 'string') effects.push({ kind: 'cancelTimer', id: params.sendId });
        break;
      default:
        break;
    }
  }
  return effects;
}

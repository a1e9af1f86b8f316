/**
 * Turns the action objects XState's pure `transition()` returns into the engine's effects: notices
 * to issue, a data check to run, a disbursement to start, timers to start or cancel. Anything else (assignments) has
 * already been applied to the snapshot. No I/O: runs inside the workflow sandbox.
 */
import type { NoticeKind } from '../shared/stateMeta';

export type Effect =
  | { kind: 'notice'; notice: NoticeKind }
  | { kind: 'disbursement' }
  | { kind: 'dataCheck' }
  | { kind: 'paymentChange' }
  | { kind: 'openCase' }
  | { kind: 'startTimer'; id: string; eventType: string; delayMs: number }
  | { kind: 'cancelTimer'; id: string };

interface ActionObject {
  type: string;
  params?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function effectsOf(actions: readonly ActionObject[]): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = isRecord(action.params) ? action.params : {};
    switch (action.type) {
      case 'issueNotice':
        effects.push({ kind: 'notice', notice: params.kind as NoticeKind });
        break;
      case 'startDisbursement':
        effects.push({ kind: 'disbursement' });
        break;
      case 'runDataCheck':
        effects.push({ kind: 'dataCheck' });
        break;
      case 'changePayment':
        effects.push({ kind: 'paymentChange' });
        break;
      case 'openReferredCase':
        effects.push({ kind: 'openCase' });
        break;
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

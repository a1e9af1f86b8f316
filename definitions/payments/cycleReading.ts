/**
 * Reading a payment cycle's snapshot: its step and label, the commands open now and who may send
 * them, why a command is refused, and the effects a transition declared.
 * No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { checkingCommands, checksOwnBatch, makerCheckerDetailZh } from '../access/separationOfDuties';
import type { Actor } from '../shared/actors';
import type { CycleContext } from './cycleChart';
import type { CycleCommandType } from './cycleEvents';
import { cycleCommandTypes, cycleEventLabelsZh } from './cycleEvents';

export type CycleEffect = 'freezeRoll' | 'buildBatch' | 'exportBankFile' | 'reconcile';
const cycleEffects: readonly string[] = ['freezeRoll', 'buildBatch', 'exportBankFile', 'reconcile'];

/** One workflow per county and month: the id is derived from them, so a second start finds the first. */
export const paymentCycleId = (county: string, period: string): string => `PC-${county}-${period}`;

/** The county a cycle id names: `PC-370902-2026-12` → `370902`. */
export const countyOfCycleId = (cycleId: string): string => cycleId.split('-')[1] ?? '';

export function cycleStep(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

export function cycleStepLabelZh(snapshot: AnyMachineSnapshot): string {
  const meta = Object.values(snapshot.getMeta()) as { labelZh?: string }[];
  return meta.find((m) => m.labelZh)?.labelZh ?? cycleStep(snapshot);
}

export interface AllowedCommand {
  type: CycleCommandType;
  labelZh: string;
  roles: ['finance'];
  /** Set when the command is open to every finance officer of the county but the batch's preparer. */
  excludedUserId: string | null;
}

/** The commands open now; the probe is a finance officer of the county who did not prepare the batch. */
export function allowedCommands(snapshot: AnyMachineSnapshot, at: string): AllowedCommand[] {
  const context = snapshot.context as CycleContext;
  const probe: Actor = { userId: `probe-not-${context.preparer?.userId ?? ''}`, role: 'finance', org: context.county };
  return cycleCommandTypes
    .filter((type) => snapshot.can({ type, actor: probe, at, reason: 'probe', fileId: '0' }))
    .map((type) => ({
      type,
      labelZh: cycleEventLabelsZh[type] ?? type,
      roles: ['finance'],
      excludedUserId: checkingCommands.includes(type) ? (context.preparer?.userId ?? null) : null,
    }));
}

/**
 * Why the chart refuses an event, when the reason is more specific than "not now": the preparer
 * trying to check their own batch, as the access policy words it.
 */
export function makerCheckerRefusal(snapshot: AnyMachineSnapshot, type: string, actor: Actor): string | null {
  const { preparer } = snapshot.context as CycleContext;
  return checksOwnBatch(actor.userId, type, { step: cycleStep(snapshot), preparer }) ? makerCheckerDetailZh : null;
}

export function cycleEffectsOf(actions: readonly { type: string }[]): CycleEffect[] {
  return actions.map((a) => a.type).filter((t): t is CycleEffect => cycleEffects.includes(t));
}

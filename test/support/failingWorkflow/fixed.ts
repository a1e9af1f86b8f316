/**
 * The same workflow after the fix is deployed: identical up to the decision, so the history written
 * by the broken release replays, and the decision is handled instead of throwing.
 * Deterministic sandbox code: no I/O.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { pokeSignal } from './signals';

export async function caseWorkflow(): Promise<string> {
  let poked = false;
  setHandler(pokeSignal, () => {
    poked = true;
  });
  await condition(() => poked);
  return 'handled by the fixed release';
}

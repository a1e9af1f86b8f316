/**
 * Stands in for a case workflow with a bug in a release: it runs until a decision (a signal here)
 * arrives, then throws on every workflow task, as code that cannot read its own state would.
 * Registered under the case workflow's type name so the stuck-case scan finds it like a real case.
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
  throw new Error('case workflow bug (test): cannot read the chart snapshot');
}

/**
 * Which legal limits apply to each procedure step, read from the chart: a step's limits are the
 * `deadline` keys its own state or any state inside it declares, with the figures and sources of the
 * rules in force. Supervisors' statistics set step durations against them. No I/O.
 */
import type { AnyStateMachine } from 'xstate';
import type { RulesWithDeadlines } from '../shared/programDefinition';
import type { StepMeta } from '../shared/stateMeta';

export interface StepLimit {
  key: string;
  amount: number;
  unit: string;
  source: string;
}

interface ChartNode {
  meta?: unknown;
  states: Record<string, ChartNode>;
}

function deadlineKeys(node: ChartNode): string[] {
  const own = (node.meta as StepMeta | undefined)?.deadline;
  const inner = Object.values(node.states).flatMap(deadlineKeys);
  return [...new Set([...(own === undefined ? [] : [String(own)]), ...inner])];
}

/** Top-level step → its limits; steps without a limit map to an empty list. */
export function stepLimits(machine: AnyStateMachine, rules: RulesWithDeadlines): Record<string, StepLimit[]> {
  const steps = (machine.root as unknown as ChartNode).states;
  return Object.fromEntries(
    Object.entries(steps).map(([step, node]) => [
      step,
      deadlineKeys(node)
        .filter((key) => rules.deadlines[key] !== undefined)
        .map((key) => {
          const rule = rules.deadlines[key]!;
          return { key, amount: rule.value.amount, unit: rule.value.unit, source: rule.source };
        }),
    ])
  );
}

/** Top-level step → its Chinese name from the chart (the step's key where the chart names none). */
export function stepLabelsZh(machine: AnyStateMachine): Record<string, string> {
  const steps = (machine.root as unknown as ChartNode).states;
  return Object.fromEntries(
    Object.entries(steps).map(([step, node]) => {
      const label = (node.meta as StepMeta | undefined)?.labelZh;
      return [step, typeof label === 'string' ? label : step];
    })
  );
}

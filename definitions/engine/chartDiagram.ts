/**
 * A chart's shape for drawing: every state (its dotted path, parent, type, Chinese label) and every
 * transition between states (source, targets, event and its Chinese label), read from the machine
 * itself so the diagram cannot drift from the chart that runs. Delayed transitions are named by the
 * program's timer labels, eventless ones are marked automatic. No I/O; safe to import anywhere.
 */
import type { AnyStateNode } from 'xstate';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import { eventLabelZh } from './snapshotReading';

export interface DiagramState {
  /** Dotted path below the root: 'investigation.homeVisit'. */
  path: string;
  parent: string | null;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  labelZh: string;
  /** The child a compound state starts in, as a path; null otherwise. */
  initial: string | null;
}

export interface DiagramTransition {
  from: string;
  to: string[];
  /** The event's type; 'TIMER:<delay>' for a delayed transition, 'AUTO' for an eventless one. */
  event: string;
  labelZh: string;
}

export interface ChartDiagram {
  program: string;
  programLabelZh: string;
  version: string;
  initial: string | null;
  states: DiagramState[];
  transitions: DiagramTransition[];
}

const pathOf = (node: AnyStateNode): string => node.path.join('.');

const ownLabel = (node: AnyStateNode): string | undefined => {
  const meta = node.meta as { labelZh?: unknown } | undefined;
  return typeof meta?.labelZh === 'string' ? meta.labelZh : undefined;
};

/**
 * A state's Chinese name; a parallel region without one is named by the step it starts in
 * ('待入户调查' → '入户调查'), and an unnamed final step of a region '已完成', so staff never read
 * an identifier.
 */
function labelOf(node: AnyStateNode): string {
  const own = ownLabel(node);
  if (own) return own;
  if (node.type === 'final') return '已完成';
  const first = node.initial?.target[0];
  const started = first ? ownLabel(first) : undefined;
  return started ? started.replace(/^待/, '') : node.key;
}

export function chartDiagram(definition: AnyProgramDefinition): ChartDiagram {
  const states: DiagramState[] = [];
  const transitions: DiagramTransition[] = [];
  const seen = new Set<string>();
  const add = (t: DiagramTransition) => {
    const key = `${t.from}|${t.event}|${t.to.join(',')}`;
    if (t.to.length === 0 || seen.has(key)) return;
    seen.add(key);
    transitions.push(t);
  };

  const walk = (node: AnyStateNode) => {
    const from = pathOf(node);
    if (node.parent) {
      states.push({
        path: from,
        parent: node.parent.parent ? pathOf(node.parent) : null,
        type: node.type,
        labelZh: labelOf(node),
        initial: node.initial ? (node.initial.target[0] ? pathOf(node.initial.target[0]) : null) : null,
      });
      const delayed = new Set<string>(node.after.map((t): string => t.eventType as string));
      for (const [eventType, list] of node.transitions) {
        if (delayed.has(eventType)) continue;
        // A compound or parallel state's onDone arrives as 'xstate.done.state.<id>': all its parts finished.
        const done = eventType.startsWith('xstate.done.state.');
        for (const t of list) {
          add({
            from,
            to: (t.target ?? []).map(pathOf),
            event: done ? 'DONE' : eventType,
            labelZh: done ? '各项办结' : eventLabelZh(definition, eventType),
          });
        }
      }
      for (const t of node.after) {
        const delay = String(t.delay);
        add({
          from,
          to: (t.target ?? []).map(pathOf),
          event: `TIMER:${delay}`,
          labelZh: definition.timerLabelsZh[delay] ?? '期限届满',
        });
      }
      for (const t of node.always ?? []) {
        add({ from, to: (t.target ?? []).map(pathOf), event: 'AUTO', labelZh: '自动' });
      }
    }
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(definition.machine.root);

  const root = definition.machine.root;
  return {
    program: definition.program,
    programLabelZh: definition.labelZh,
    version: definition.version,
    initial: root.initial?.target[0] ? pathOf(root.initial.target[0]) : null,
    states,
    transitions,
  };
}

/**
 * Finding a chart's state nodes by walking its public `states` from the root: by path, all of them,
 * and those a snapshot is in. No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';

/** The state node at a dotted path below the machine root ('' is the root), or undefined. */
export function stateNodeAt(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root;
  for (const key of path === '' ? [] : path.split('.')) {
    node = Object.hasOwn(node.states, key) ? (node.states[key] as AnyStateNode) : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** Every state node of the chart, parents before their children. */
export function* allStateNodes(node: AnyStateNode): Generator<AnyStateNode> {
  yield node;
  for (const child of Object.values(node.states) as AnyStateNode[]) yield* allStateNodes(child);
}

/** The state nodes a snapshot is in, the machine root included, parents before their children. */
export function activeStateNodes(snapshot: AnyMachineSnapshot): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode, value: unknown): void => {
    nodes.push(node);
    if (typeof value === 'string') {
      const child = node.states[value] as AnyStateNode | undefined;
      if (child) nodes.push(child);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, below] of Object.entries(value)) {
        const child = node.states[key] as AnyStateNode | undefined;
        if (child) visit(child, below);
      }
    }
  };
  visit(snapshot.machine.root, snapshot.value);
  return nodes;
}

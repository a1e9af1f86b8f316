/**
 * Lays a chart out for the case page: the top-level states in columns by their distance from the
 * initial state (breadth-first over the transitions, nested ones lifted to their top-level state),
 * a compound state as a box listing its children. Pure and small: the browser draws the result.
 */
import type { ChartDiagram, DiagramState } from '../api/types';

export const NODE_WIDTH = 130;
export const COLUMN_GAP = 26;
export const ROW_GAP = 22;
export const HEADER_HEIGHT = 34;
export const CHILD_HEIGHT = 22;
const MARGIN = 12;

export interface PlacedNode {
  state: DiagramState;
  children: DiagramState[];
  rank: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  labelsZh: string[];
  /** Into an earlier or the same column: drawn as a loop below the boxes. */
  backward: boolean;
}

export interface DiagramLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const topOf = (path: string): string => path.split('.')[0] ?? path;

/** The active state paths of a state value: 'a' → ['a']; { a: { b: 'c' } } → ['a', 'a.b', 'a.b.c']. */
export function activePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    prefix + key,
    ...activePaths(child, `${prefix}${key}.`),
  ]);
}

export function layoutDiagram(chart: ChartDiagram): DiagramLayout {
  const tops = chart.states.filter((s) => s.parent === null);
  // Top-level edges, each with the events that lead along it.
  const edgeMap = new Map<string, PlacedEdge>();
  for (const t of chart.transitions) {
    const from = topOf(t.from);
    for (const target of t.to) {
      const to = topOf(target);
      if (to === from) continue;
      const key = `${from}→${to}`;
      const edge = edgeMap.get(key) ?? { from, to, labelsZh: [], backward: false };
      if (!edge.labelsZh.includes(t.labelZh)) edge.labelsZh.push(t.labelZh);
      edgeMap.set(key, edge);
    }
  }
  const rank = new Map<string, number>();
  const start = chart.initial ? topOf(chart.initial) : tops[0]?.path;
  if (start) {
    rank.set(start, 0);
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const edge of edgeMap.values()) {
        if (edge.from !== current || rank.has(edge.to)) continue;
        rank.set(edge.to, rank.get(current)! + 1);
        queue.push(edge.to);
      }
    }
  }
  const deepest = Math.max(0, ...rank.values());
  // States nothing leads to (should not happen in a released chart) still get drawn, at the end.
  for (const s of tops) if (!rank.has(s.path)) rank.set(s.path, deepest + 1);

  const columns = new Map<number, PlacedNode[]>();
  for (const state of tops) {
    const children = chart.states.filter((c) => c.parent === state.path);
    const r = rank.get(state.path)!;
    const node: PlacedNode = {
      state,
      children,
      rank: r,
      x: MARGIN + r * (NODE_WIDTH + COLUMN_GAP),
      y: 0,
      width: NODE_WIDTH,
      height: HEADER_HEIGHT + (children.length > 0 ? children.length * CHILD_HEIGHT + 6 : 0),
    };
    columns.set(r, [...(columns.get(r) ?? []), node]);
  }
  let height = 0;
  for (const nodes of columns.values()) {
    let y = MARGIN;
    for (const node of nodes) {
      node.y = y;
      y += node.height + ROW_GAP;
    }
    height = Math.max(height, y);
  }
  const nodes = [...columns.values()].flat();
  const edges = [...edgeMap.values()].map((e) => ({
    ...e,
    backward: (rank.get(e.to) ?? 0) <= (rank.get(e.from) ?? 0),
  }));
  const width = MARGIN * 2 + (Math.max(...nodes.map((n) => n.rank)) + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  return { nodes, edges, width, height: height + 40 };
}

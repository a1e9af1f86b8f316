/**
 * The case's statechart as SVG, laid out by diagramLayout: the current state(s) in blue, states the
 * case has passed through in green with a tick, the rest plain. Arrows carry the events' names as
 * tooltips; the legend and an aria-label say the same for those who cannot see the colours.
 */
import { Space, Typography } from 'antd';
import type { ChartDiagram } from '../api/types';
import { CHILD_HEIGHT, HEADER_HEIGHT, layoutDiagram } from './diagramLayout';
import type { PlacedNode } from './diagramLayout';

type Status = 'current' | 'visited' | 'other';

const STYLE: Record<Status, { fill: string; stroke: string; width: number }> = {
  current: { fill: '#e6f4ff', stroke: '#0958d9', width: 3 },
  visited: { fill: '#f6ffed', stroke: '#237804', width: 2 },
  other: { fill: '#ffffff', stroke: '#8c8c8c', width: 1 },
};

const LEGEND: { status: Status; label: string }[] = [
  { status: 'current', label: '当前环节' },
  { status: 'visited', label: '已经过' },
  { status: 'other', label: '未经过' },
];

export function ChartDiagramView({
  chart,
  active,
  visited,
  legend = true,
}: {
  chart: ChartDiagram;
  /** Active state paths ('investigation', 'investigation.homeVisit.pending', …). */
  active: ReadonlySet<string>;
  /** Top-level states the case has been in. */
  visited: ReadonlySet<string>;
  /** The colours' key; off where no case is drawn on the chart (the catalogue). */
  legend?: boolean;
}) {
  const layout = layoutDiagram(chart);
  const statusOf = (path: string): Status => (active.has(path) ? 'current' : visited.has(path) ? 'visited' : 'other');
  const byPath = new Map(layout.nodes.map((n) => [n.state.path, n]));
  const currentLabels = layout.nodes.filter((n) => active.has(n.state.path)).map((n) => n.state.labelZh);

  const edgePath = (from: PlacedNode, to: PlacedNode, backward: boolean): string => {
    if (!backward) {
      const x1 = from.x + from.width;
      const y1 = from.y + HEADER_HEIGHT / 2;
      const x2 = to.x;
      const y2 = to.y + HEADER_HEIGHT / 2;
      const mid = (x1 + x2) / 2;
      return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 2},${y2}`;
    }
    // Back to an earlier column: out of the bottom, under the boxes, into the target's bottom.
    const x1 = from.x + from.width / 2 + 10;
    const y1 = from.y + from.height;
    const x2 = to.x + to.width / 2 - 10;
    const y2 = to.y + to.height;
    const below = Math.max(y1, y2) + 24;
    return `M${x1},${y1} C${x1},${below} ${x2},${below} ${x2},${y2 + 2}`;
  };

  return (
    <div>
      {legend && (
        <Space size="large" style={{ marginBottom: 8 }} aria-hidden>
          {LEGEND.map((l) => (
            <Space key={l.status} size={4}>
              <svg width="18" height="12">
                <rect
                  x="1"
                  y="1"
                  width="16"
                  height="10"
                  rx="2"
                  fill={STYLE[l.status].fill}
                  stroke={STYLE[l.status].stroke}
                  strokeWidth={STYLE[l.status].width}
                />
              </svg>
              <Typography.Text>{l.label}</Typography.Text>
            </Space>
          ))}
        </Space>
      )}
      {/* Focusable, so a keyboard can scroll a chart wider than the window. */}
      <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="流程图（可左右滚动）">
        <svg
          role="img"
          aria-label={`${chart.programLabelZh}流程图，当前环节：${currentLabels.join('、') || '无'}`}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ fontFamily: 'inherit', display: 'block' }}
          data-testid="chart-diagram"
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="#595959" />
            </marker>
          </defs>
          {layout.edges.map((e) => {
            const from = byPath.get(e.from);
            const to = byPath.get(e.to);
            if (!from || !to) return null;
            return (
              <path
                key={`${e.from}-${e.to}`}
                d={edgePath(from, to, e.backward)}
                fill="none"
                stroke="#8c8c8c"
                strokeWidth={1.2}
                strokeDasharray={e.backward ? '4 3' : undefined}
                markerEnd="url(#arrow)"
              >
                <title>{e.labelsZh.join('、')}</title>
              </path>
            );
          })}
          {layout.nodes.map((n) => {
            const status = statusOf(n.state.path);
            const style = STYLE[status];
            return (
              <g key={n.state.path} data-state={n.state.path} data-status={status}>
                <title>{`${n.state.labelZh}（${LEGEND.find((l) => l.status === status)!.label}）`}</title>
                <rect
                  x={n.x}
                  y={n.y}
                  width={n.width}
                  height={n.height}
                  rx={n.state.type === 'final' ? 14 : 6}
                  fill={style.fill}
                  stroke={style.stroke}
                  strokeWidth={style.width}
                />
                {n.state.type === 'final' && (
                  <rect
                    x={n.x + 3}
                    y={n.y + 3}
                    width={n.width - 6}
                    height={n.height - 6}
                    rx={11}
                    fill="none"
                    stroke={style.stroke}
                  />
                )}
                <text x={n.x + 10} y={n.y + 22} fontSize={13} fontWeight={600} fill="#1f1f1f">
                  {status === 'visited' ? '✓ ' : ''}
                  {n.state.labelZh}
                </text>
                {n.children.map((c, i) => {
                  const on = active.has(c.path);
                  return (
                    <g key={c.path} data-state={c.path} data-status={on ? 'current' : 'other'}>
                      <title>{c.labelZh}</title>
                      <rect
                        x={n.x + 8}
                        y={n.y + HEADER_HEIGHT + i * CHILD_HEIGHT}
                        width={n.width - 16}
                        height={CHILD_HEIGHT - 4}
                        rx={3}
                        fill={on ? '#bae0ff' : '#fafafa'}
                        stroke={on ? '#0958d9' : '#d9d9d9'}
                      />
                      <text x={n.x + 14} y={n.y + HEADER_HEIGHT + i * CHILD_HEIGHT + 13} fontSize={11} fill="#1f1f1f">
                        {c.labelZh.length > 10 ? `${c.labelZh.slice(0, 9)}…` : c.labelZh}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}

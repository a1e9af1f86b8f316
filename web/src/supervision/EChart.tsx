/**
 * One ECharts chart drawn as SVG. Only the pieces the supervision charts use are registered
 * (echarts/core plus bar charts, grid, tooltip, legend and the SVG renderer), so the chunk carries
 * them and not the whole library; the numbers themselves are always in a table beside the chart,
 * so the picture is labelled as an image for screen readers.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { init, use } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function EChart({
  option,
  label,
  height = 260,
  onBarClick,
  testId,
}: {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  height?: number;
  /** A click on a bar, with its category (e.g. a township code to drill into). */
  onBarClick?: (category: string) => void;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const clicked = useRef(onBarClick);
  clicked.current = onBarClick;

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
    chart.on('click', (params) => {
      if (typeof params.name === 'string') clicked.current?.(params.name);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}

import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { optionOf } from './chart-options.js';
import type { ChartProps } from './chart-spec.js';

// Only the parts used: tree-shaken, and in a chunk of its own.
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export default function EChart({ spec, label, formatValue, formatAxis, height }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(optionOf(spec, { value: formatValue, axis: formatAxis ?? formatValue }));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [spec, formatValue, formatAxis]);
  return <div ref={element} className="chart" role="img" aria-label={label} style={{ height }} />;
}

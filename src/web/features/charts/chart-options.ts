import type { EChartsCoreOption } from 'echarts/core';
import { unreachable } from '../../components/unreachable.js';
import type { ChartSpec } from './chart-spec.js';

// Colours chosen for at least 3:1 against white (graphical objects, WCAG 1.4.11).
const ink = '#1f2933';
const blue = '#1d5fa8';
const green = '#1e7a46';
const red = '#b42318';
const grey = '#6b7785';

const grid = { left: 8, right: 16, top: 16, bottom: 8, containLabel: true };
const axisLabel = { color: ink };

export function optionOf(spec: ChartSpec, format: (v: number) => string): EChartsCoreOption {
  const base = { animation: false, grid, tooltip: { trigger: 'axis', valueFormatter: format } };
  switch (spec.kind) {
    case 'attainment':
      return {
        ...base,
        xAxis: { type: 'category', data: spec.points.map((p) => p.label), axisLabel },
        yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: format } },
        series: [
          {
            type: 'bar',
            data: spec.points.map((p) => ({
              value: p.attainment,
              itemStyle: { color: (p.attainment ?? 0) >= 1 ? green : blue },
            })),
            markLine: {
              symbol: 'none',
              lineStyle: { color: ink, type: 'dashed' },
              label: { formatter: 'goal', color: ink },
              data: [{ yAxis: 1 }],
            },
          },
        ],
      };
    case 'bars': {
      const category = { type: 'category', data: spec.bars.map((b) => b.label), axisLabel };
      const value = { type: 'value', axisLabel: { ...axisLabel, formatter: format } };
      return {
        ...base,
        xAxis: spec.horizontal ? value : category,
        yAxis: spec.horizontal ? { ...category, inverse: true } : value,
        series: [{ type: 'bar', data: spec.bars.map((b) => b.value), itemStyle: { color: blue } }],
      };
    }
    case 'coverage':
      return {
        ...base,
        xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: format } },
        yAxis: { type: 'category', data: ['Raw', 'Weighted'], axisLabel, inverse: true },
        series: [
          {
            type: 'bar',
            data: [spec.raw ?? 0, spec.weighted ?? 0].map((v) => ({
              value: v,
              itemStyle: { color: v >= spec.target ? green : red },
            })),
            markLine: {
              symbol: 'none',
              lineStyle: { color: ink, type: 'dashed' },
              label: { formatter: `target ${format(spec.target)}`, color: ink },
              data: [{ xAxis: spec.target }],
            },
          },
        ],
      };
    case 'waterfall':
      return waterfall(spec.steps, format, base);
    default:
      return unreachable(spec);
  }
}

/** A waterfall is two stacked bars: an invisible base and the visible change on top. */
function waterfall(
  steps: Array<{ label: string; value: number; total?: boolean }>,
  format: (v: number) => string,
  base: object,
): EChartsCoreOption {
  let running = 0;
  const invisible: number[] = [];
  const visible: Array<{ value: number; itemStyle: { color: string } }> = [];
  for (const step of steps) {
    if (step.total) {
      running = step.value;
      invisible.push(0);
      visible.push({ value: step.value, itemStyle: { color: grey } });
      continue;
    }
    const next = running + step.value;
    invisible.push(Math.min(running, next));
    visible.push({
      value: Math.abs(step.value),
      itemStyle: { color: step.value >= 0 ? green : red },
    });
    running = next;
  }
  return {
    ...base,
    tooltip: { show: false },
    xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: format } },
    series: [
      { type: 'bar', stack: 'w', data: invisible, itemStyle: { color: 'transparent' } },
      {
        type: 'bar',
        stack: 'w',
        data: visible,
        label: {
          show: true,
          position: 'top',
          color: ink,
          formatter: (p: { value: number }) => format(p.value),
        },
      },
    ],
  };
}

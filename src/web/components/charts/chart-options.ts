import type { EChartsCoreOption } from 'echarts/core';
import { unreachable } from '../unreachable.js';
import type { ChartSpec, CloseMonthBar } from './chart-spec.js';

// Colours chosen for at least 3:1 against white (graphical objects, WCAG 1.4.11).
const ink = '#1f2933';
const blue = '#1d5fa8';
const green = '#1e7a46';
const red = '#b42318';
const grey = '#6b7785';
const horizonBand = 'rgba(29, 95, 168, 0.08)';

const grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };
const axisLabel = { color: ink };
// Every category named: a chart whose bars lose their labels reads wrong.
const categoryLabel = { ...axisLabel, interval: 0, hideOverlap: false };

export interface Formats {
  value: (v: number) => string;
  axis: (v: number) => string;
}

export function optionOf(spec: ChartSpec, format: Formats): EChartsCoreOption {
  const base = {
    animation: false,
    grid,
    tooltip: { trigger: 'axis', valueFormatter: format.value },
  };
  const valueAxis = { type: 'value', axisLabel: { ...axisLabel, formatter: format.axis } };
  switch (spec.kind) {
    case 'attainment': {
      const top = Math.max(0, ...spec.points.map((p) => p.attainment ?? 0));
      return {
        ...base,
        grid: { ...grid, right: 40 },
        xAxis: { type: 'category', data: spec.points.map((p) => p.label), axisLabel },
        // The goal (100%) stays on the axis, even when every bar is below it.
        yAxis: top < 1 ? { ...valueAxis, max: 1 } : valueAxis,
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
              // Past the line's end, in a margin kept for it (clear of the bars).
              label: { formatter: 'goal', color: ink, position: 'end' },
              data: [{ yAxis: 1 }],
            },
          },
        ],
      };
    }
    case 'bars': {
      const category = { type: 'category', data: spec.bars.map((b) => b.label), axisLabel };
      return {
        ...base,
        xAxis: spec.horizontal ? valueAxis : category,
        yAxis: spec.horizontal ? { ...category, inverse: true } : valueAxis,
        series: [{ type: 'bar', data: spec.bars.map((b) => b.value), itemStyle: { color: blue } }],
      };
    }
    case 'coverage': {
      // The target must be on the axis: a target line beyond it would silently vanish.
      const top = Math.max(spec.target, spec.raw ?? 0, spec.weighted ?? 0);
      return {
        ...base,
        grid: { ...grid, top: 28 },
        xAxis: { ...valueAxis, max: Math.ceil(top * 1.1 * 2) / 2 },
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
              // At the top of the line, clear of the axis' own labels.
              label: {
                formatter: `target ${format.value(spec.target)}`,
                color: ink,
                position: 'start',
              },
              data: [{ xAxis: spec.target }],
            },
          },
        ],
      };
    }
    case 'waterfall':
      return waterfall(spec.steps, format, base);
    case 'close-months':
      return closeMonths(spec.bars, base, valueAxis);
    default:
      return unreachable(spec);
  }
}

/** Open and weighted side by side per close month; the coverage horizon shaded behind. */
function closeMonths(bars: CloseMonthBar[], base: object, valueAxis: object): EChartsCoreOption {
  const labels = bars.map((b) => b.label);
  const horizon = bars.filter((b) => b.tone === 'horizon');
  const first = horizon[0];
  const last = horizon[horizon.length - 1];
  return {
    ...base,
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { ...categoryLabel, fontSize: 11, lineHeight: 14 },
    },
    yAxis: valueAxis,
    series: [
      {
        name: 'Open',
        type: 'bar',
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.tone === 'past-due' ? red : blue },
        })),
        ...(first && last
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: horizonBand },
                // Named in the legend above the chart: a label here would sit on the bars.
                data: [[{ xAxis: first.label }, { xAxis: last.label }]],
              },
            }
          : {}),
      },
      {
        name: 'Weighted',
        type: 'bar',
        data: bars.map((b) => b.weighted),
        itemStyle: { color: grey },
      },
    ],
  };
}

/** A waterfall is two stacked bars: an invisible base and the visible change on top. */
function waterfall(
  steps: Array<{ label: string; value: number; total?: boolean }>,
  format: Formats,
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
    xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: categoryLabel },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: format.axis } },
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
          // Short on the bars, where neighbours' labels would otherwise run into each other.
          formatter: (p: { value: number }) => format.axis(p.value),
        },
      },
    ],
  };
}

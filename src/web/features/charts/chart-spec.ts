/** What a chart shows, independent of the library that draws it (which loads lazily). */
export type ChartSpec =
  | { kind: 'attainment'; points: Array<{ label: string; attainment: number | null }> }
  | { kind: 'bars'; bars: Array<{ label: string; value: number }>; horizontal?: boolean }
  | { kind: 'coverage'; raw: number | null; weighted: number | null; target: number }
  | { kind: 'waterfall'; steps: Array<{ label: string; value: number; total?: boolean }> };

export interface ChartProps {
  spec: ChartSpec;
  /** The chart in one sentence, for screen readers. */
  label: string;
  /** Formats a value of the chart's axis (money, percent…). */
  formatValue: (value: number) => string;
  height?: number;
}

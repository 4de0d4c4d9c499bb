/** What a chart shows, independent of the library that draws it (which loads lazily). */
export type ChartSpec =
  | { kind: 'attainment'; points: Array<{ label: string; attainment: number | null }> }
  | { kind: 'bars'; bars: Array<{ label: string; value: number }>; horizontal?: boolean }
  | { kind: 'coverage'; raw: number | null; weighted: number | null; target: number }
  | { kind: 'waterfall'; steps: Array<{ label: string; value: number; total?: boolean }> }
  | { kind: 'close-months'; bars: CloseMonthBar[] };

/** One bucket of the open pipeline by close month: its amount and its weighted amount. */
export interface CloseMonthBar {
  label: string;
  value: number;
  weighted: number;
  /** past-due is drawn red; horizon marks the coverage horizon's months. */
  tone: 'past-due' | 'horizon' | 'other';
}

export interface ChartProps {
  spec: ChartSpec;
  /** The chart in one sentence, for screen readers. */
  label: string;
  /** Formats a value in full (tooltips, labels): money, percent… */
  formatValue: (value: number) => string;
  /** Formats a value on the axis, where space is short ("$60K"); formatValue by default. */
  formatAxis?: (value: number) => string;
  height?: number;
}

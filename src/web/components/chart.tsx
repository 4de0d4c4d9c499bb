import { lazy, Suspense } from 'react';
import type { ChartProps } from './charts/chart-spec.js';

// The chart library is loaded with the first chart, never with the first screen.
const EChart = lazy(() => import('./charts/echart.js'));

export function Chart(props: ChartProps) {
  const height = props.height ?? 220;
  return (
    <Suspense
      fallback={<div className="chart-placeholder" style={{ height }} aria-hidden="true" />}
    >
      <EChart {...props} height={height} />
    </Suspense>
  );
}

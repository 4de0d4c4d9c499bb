import type { ReactNode } from 'react';

/** One figure with its label, e.g. "Attainment 72%". */
export function Stat({
  label,
  value,
  hint,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {hint ? <span className="stat-hint">{hint}</span> : null}
      </dd>
    </div>
  );
}

export function Movement({ movement }: { movement: number | null }) {
  if (movement === null || movement === 0)
    return <span className="movement same">{movement === 0 ? 'no change' : '—'}</span>;
  const up = movement > 0;
  return (
    <span className={up ? 'movement up' : 'movement down'}>
      <span aria-hidden="true">{up ? '▲' : '▼'}</span> {up ? 'up' : 'down'} {Math.abs(movement)}
    </span>
  );
}

export function ordinal(rank: number | null, of?: number): string {
  if (rank === null) return 'unranked';
  const suffix =
    rank % 100 >= 11 && rank % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[rank % 10] ?? 'th');
  return of ? `${rank}${suffix} of ${of}` : `${rank}${suffix}`;
}

/** actual ÷ goal; null when there is no goal or a goal of 0 (nothing to measure against). */
export function attainmentOf(actual: number, goal: number | null | undefined): number | null {
  if (goal === null || goal === undefined || goal <= 0) return null;
  return actual / goal;
}

/** The median of a list (mean of the two middle values for an even count); null if empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

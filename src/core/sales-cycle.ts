import type { ClosedFact } from './facts.js';
import type { Cycle } from './pipeline-schema.js';

/**
 * Win rate, average cycle and sales velocity over the trailing 12 months.
 * Sales velocity (money per day) = open count × win rate × average won deal size ÷ average
 * cycle days: what the open pipeline is expected to turn into per day. Null when any input
 * is missing (no closed deal, no won deal) or the average cycle is 0 days.
 */
export function computeCycle(options: { closed: ClosedFact; openCount: number }): Cycle {
  const { closed, openCount } = options;
  const decided = closed.wonCount + closed.lostCount;
  const winRate = decided > 0 ? closed.wonCount / decided : null;
  const averageCycleDays = closed.wonCount > 0 ? closed.wonCycleDays / closed.wonCount : null;
  const averageWonDealSize = closed.wonCount > 0 ? closed.wonValue / closed.wonCount : null;
  const velocityPerDay =
    winRate !== null &&
    averageCycleDays !== null &&
    averageCycleDays > 0 &&
    averageWonDealSize !== null
      ? (openCount * winRate * averageWonDealSize) / averageCycleDays
      : null;
  return {
    wonCount: closed.wonCount,
    lostCount: closed.lostCount,
    winRate,
    averageCycleDays,
    averageWonDealSize,
    openCount,
    velocityPerDay,
  };
}

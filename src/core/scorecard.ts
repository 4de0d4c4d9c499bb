import { z } from 'zod';
import { PeriodSchema, TrendPointSchema } from './agenda-schema.js';
import { attainmentOf } from './attainment.js';
import type { Period } from './periods.js';
import { rankMembers } from './ranking.js';

/**
 * The team scorecard a manager publishes to the whole team: results, attainment, rank,
 * movement, year to date and trend. Strict objects: it can NEVER carry pipeline, activity,
 * progression stage, notes or commitments (public ranking yes, public shaming no).
 */
/** Money of a scorecard: whole minor units, so every export can write it exactly. */
const minorUnits = z.number().int();

export const ScorecardRowSchema = z.strictObject({
  personId: z.string(),
  name: z.string(),
  actual: minorUnits,
  goal: minorUnits.nullable(),
  attainment: z.number().nullable(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  movement: z.number().int().nullable().describe('previous rank − rank: positive = moved up'),
  yearToDate: z
    .strictObject({
      actual: minorUnits,
      goal: minorUnits
        .nullable()
        .describe('prorated to date, rounded once to whole minor units, half up (prorateGoal)'),
      attainment: z.number().nullable(),
    })
    .nullable(),
  trend: z.array(TrendPointSchema.strict()),
});

export const ScorecardSchema = z.strictObject({
  schemaVersion: z.literal(1),
  team: z.strictObject({ id: z.string(), name: z.string() }),
  period: PeriodSchema.strict(),
  currency: z.string(),
  /** The number of ranked members (the "of 9"). */
  of: z.number().int(),
  rows: z.array(ScorecardRowSchema),
});

export type Scorecard = z.infer<typeof ScorecardSchema>;
export type ScorecardRow = z.infer<typeof ScorecardRowSchema>;

interface ActualGoal {
  actual: number;
  goal: number | null;
}

export interface ScorecardMemberInput {
  personId: string;
  name: string;
  current: ActualGoal;
  /** Results in the previous period, for the movement; null when not a member then. */
  previous: ActualGoal | null;
  yearToDate: ActualGoal | null;
  /** Oldest first; only results, so the scorecard carries nothing private. */
  trend: Array<ActualGoal & { periodKey: string; label: string }>;
}

export interface BuildScorecardOptions {
  team: { id: string; name: string };
  period: Period;
  currency: string;
  members: readonly ScorecardMemberInput[];
}

/** Ranks the members (see `rankMembers`) and lays out the publishable rows in rank order. */
export function buildScorecard(options: BuildScorecardOptions): Scorecard {
  const current = rankMembers(
    options.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      actual: m.current.actual,
      goal: m.current.goal,
    })),
  );
  const previous = rankMembers(
    options.members.flatMap((m) =>
      m.previous
        ? [{ personId: m.personId, name: m.name, actual: m.previous.actual, goal: m.previous.goal }]
        : [],
    ),
  );
  const byId = new Map(options.members.map((m) => [m.personId, m]));
  // A map, not a search per row: an organization-wide scorecard ranks thousands of reps.
  const previousRanks = new Map(previous.members.map((p) => [p.personId, p.rank]));
  const rows: ScorecardRow[] = current.members.map((ranked) => {
    const member = byId.get(ranked.personId);
    const previousRank = previousRanks.get(ranked.personId) ?? null;
    const ytd = member?.yearToDate ?? null;
    return {
      personId: ranked.personId,
      name: ranked.name,
      actual: ranked.actual,
      goal: ranked.goal,
      attainment: ranked.attainment,
      rank: ranked.rank,
      previousRank,
      movement: ranked.rank !== null && previousRank !== null ? previousRank - ranked.rank : null,
      yearToDate: ytd
        ? { actual: ytd.actual, goal: ytd.goal, attainment: attainmentOf(ytd.actual, ytd.goal) }
        : null,
      trend: (member?.trend ?? []).map((point) => ({
        periodKey: point.periodKey,
        label: point.label,
        actual: point.actual,
        goal: point.goal,
        attainment: attainmentOf(point.actual, point.goal),
      })),
    };
  });
  return {
    schemaVersion: 1,
    team: options.team,
    period: options.period,
    currency: options.currency,
    of: current.of,
    rows,
  };
}

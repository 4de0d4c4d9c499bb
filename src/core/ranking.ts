import type { Ranking } from './agenda-schema.js';
import { attainmentOf } from './attainment.js';
import type { TeamMemberResult } from './facts.js';

/** A team member with attainment and rank; `rank` is null for a member without a goal. */
export interface RankedMember extends TeamMemberResult {
  attainment: number | null;
  rank: number | null;
}

export interface TeamRanking {
  /** Ranked members by attainment descending then name, unranked ones last. */
  members: RankedMember[];
  /** The number of ranked members (the "of 9" in "7th of 9"). */
  of: number;
}

// The comparison `localeCompare(b, 'en')` makes, with the collator built once: built on every
// call it was most of the sort of an organization-wide ranking of thousands of reps.
const englishOrder = new Intl.Collator('en').compare;

/** Display order among equals: by name as people read it, then by id so it is total. */
function byNameThenId(a: TeamMemberResult, b: TeamMemberResult): number {
  const byName = englishOrder(a.name, b.name);
  if (byName !== 0) return byName;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

/**
 * Standard competition ranking (1, 2, 2, 4) by attainment, so a rep is ranked against the
 * goal they agreed to rather than against the size of their territory. Equal attainment
 * gives equal rank; name then personId only orders the display. Members with
 * no goal (or a goal of 0) are unranked.
 */
export function rankMembers(members: readonly TeamMemberResult[]): TeamRanking {
  // Fields named, not spread, and each member built once: at 2,000 members spreading was a
  // third of this function.
  const scored: RankedMember[] = members.map((member) => ({
    personId: member.personId,
    name: member.name,
    actual: member.actual,
    goal: member.goal,
    attainment: attainmentOf(member.actual, member.goal),
    rank: null,
  }));
  const ranked = scored
    .filter((member): member is RankedMember & { attainment: number } => member.attainment !== null)
    .sort((a, b) => b.attainment - a.attainment || byNameThenId(a, b));
  const unranked = scored.filter((member) => member.attainment === null).sort(byNameThenId);
  ranked.forEach((member, index) => {
    const previous = ranked[index - 1];
    const tied = previous !== undefined && previous.attainment === member.attainment;
    member.rank = tied ? previous.rank : index + 1;
  });
  return { members: [...ranked, ...unranked], of: ranked.length };
}

export interface RankOfOptions {
  current: readonly TeamMemberResult[];
  previous: readonly TeamMemberResult[];
  personId: string;
}

/** One person's rank now and in the previous period; movement = previous − current (+ = up). */
export function rankOf(options: RankOfOptions): Ranking {
  const current = rankMembers(options.current);
  const previous = rankMembers(options.previous);
  const rank = current.members.find((m) => m.personId === options.personId)?.rank ?? null;
  const previousRank = previous.members.find((m) => m.personId === options.personId)?.rank ?? null;
  return {
    rank,
    of: current.of,
    previousRank,
    movement: rank !== null && previousRank !== null ? previousRank - rank : null,
  };
}

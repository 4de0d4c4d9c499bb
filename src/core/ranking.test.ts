import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TeamMemberResult } from './facts.js';
import { rankMembers, rankOf } from './ranking.js';
import { teamMember } from './test-factories.js';

describe('rankMembers', () => {
  it('gives tied members the same rank and skips the next when attainment is equal', () => {
    const ranking = rankMembers([
      teamMember({ personId: 'd', actual: 80, goal: 100 }), // 0.8
      teamMember({ personId: 'e', actual: 500, goal: null }), // no goal: unranked
      teamMember({ personId: 'c', actual: 45, goal: 50 }), // 0.9
      teamMember({ personId: 'a', actual: 120, goal: 100 }), // 1.2
      teamMember({ personId: 'b', actual: 90, goal: 100 }), // 0.9
    ]);
    expect(ranking.members.map((m) => [m.personId, m.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
      ['e', null],
    ]);
    expect(ranking.of).toBe(4);
  });

  it('leaves a member with a goal of 0 unranked', () => {
    expect(rankMembers([teamMember({ personId: 'z', actual: 10, goal: 0 })])).toMatchObject({
      of: 0,
      members: [{ rank: null }],
    });
  });

  const team = fc
    .array(
      fc.record({
        actual: fc.integer({ min: 0, max: 20 }),
        goal: fc.option(fc.integer({ min: 0, max: 10 })),
      }),
      {
        maxLength: 12,
      },
    )
    .map((scores) =>
      scores.map((s, i): TeamMemberResult => ({ personId: `p${i}`, name: `P${i}`, ...s })),
    );

  it('gives everyone the same rank whatever the input order', () => {
    fc.assert(
      fc.property(
        team.chain((members) =>
          fc.tuple(
            fc.constant(members),
            fc.shuffledSubarray(members, { minLength: members.length }),
          ),
        ),
        ([members, shuffled]) => {
          const ranks = (list: TeamMemberResult[]) =>
            Object.fromEntries(rankMembers(list).members.map((m) => [m.personId, m.rank]));
          expect(ranks(shuffled)).toEqual(ranks(members));
          expect(rankMembers(shuffled).members.map((m) => m.personId)).toEqual(
            rankMembers(members).members.map((m) => m.personId),
          );
        },
      ),
    );
  });

  it('ranks by score alone: equal attainment ⇒ equal rank, higher ⇒ better rank', () => {
    fc.assert(
      fc.property(team, (members) => {
        const ranked = rankMembers(members).members.filter((m) => m.rank !== null);
        for (const x of ranked) {
          for (const y of ranked) {
            if (x.attainment === y.attainment) expect(x.rank).toBe(y.rank);
            if ((x.attainment ?? 0) > (y.attainment ?? 0))
              expect(x.rank ?? 0).toBeLessThan(y.rank ?? 0);
          }
        }
      }),
    );
  });
});

describe('rankOf', () => {
  it('reports movement as previous rank minus rank when the member fell', () => {
    const current = [
      teamMember({ personId: 'rep', actual: 100, goal: 100 }),
      teamMember({ personId: 'a', actual: 120, goal: 100 }),
      teamMember({ personId: 'b', actual: 110, goal: 100 }),
    ];
    const previous = [
      teamMember({ personId: 'rep', actual: 150, goal: 100 }),
      teamMember({ personId: 'a', actual: 100, goal: 100 }),
    ];
    // Now 3rd of 3 (1.0 < 1.1 < 1.2), before 1st: 1 − 3 = −2.
    expect(rankOf({ current, previous, personId: 'rep' })).toEqual({
      rank: 3,
      of: 3,
      previousRank: 1,
      movement: -2,
    });
  });

  it('has no movement when the member was not ranked before', () => {
    const current = [teamMember({ personId: 'rep', actual: 1, goal: 1 })];
    expect(rankOf({ current, previous: [], personId: 'rep' })).toEqual({
      rank: 1,
      of: 1,
      previousRank: null,
      movement: null,
    });
  });
});

describe('rankMembers display order', () => {
  it("orders equals by name as localeCompare(…, 'en') does when names are random", () => {
    const name = fc.stringMatching(/^[a-zA-ZéÉèöØß' -]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, unranked: fc.boolean() }), { maxLength: 12 }),
        (drawn) => {
          const members = drawn.map((m, i) => ({
            personId: `p${String(i).padStart(2, '0')}`,
            name: m.name,
            actual: 10,
            goal: m.unranked ? null : 100,
          }));
          const byName = (a: { name: string; personId: string }, b: typeof a) =>
            a.name.localeCompare(b.name, 'en') || (a.personId < b.personId ? -1 : 1);
          const expected = [
            ...members.filter((m) => m.goal !== null).sort(byName),
            ...members.filter((m) => m.goal === null).sort(byName),
          ].map((m) => m.personId);
          expect(rankMembers(members).members.map((m) => m.personId)).toEqual(expected);
        },
      ),
    );
  });
});

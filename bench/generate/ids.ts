/**
 * Deterministic ids for generated rows: a table tag and the row's index, laid out as a
 * valid v4 UUID. Cheap enough for millions of rows (no hashing).
 */
const tags = {
  org: 'be000000',
  person: 'be000001',
  team: 'be000002',
  membership: 'be000003',
  stage: 'be000004',
  goal: 'be000005',
  opportunity: 'be000006',
  meeting: 'be000007',
} as const;

export type IdTable = keyof typeof tags;

export function benchId(table: IdTable, index: number): string {
  return `${tags[table]}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export const benchOrgId = benchId('org', 0);

/** People: reps 0…reps-1, then managers, then the leader. */
export function repId(rep: number): string {
  return benchId('person', rep);
}

export function managerId(reps: number, team: number): string {
  return benchId('person', reps + team);
}

export function leaderId(reps: number, teams: number): string {
  return benchId('person', reps + teams);
}

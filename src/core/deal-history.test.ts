import { describe, expect, it } from 'vitest';
import { suggestCommitment } from './deal-history.js';
import type { StageFact } from './facts.js';

const stages: StageFact[] = [
  { id: 'won', name: 'Closed Won', order: 5, kind: 'won', probability: 100 },
  { id: 'q', name: 'Qualification', order: 1, kind: 'open', probability: 20 },
  { id: 'p', name: 'Proposal', order: 3, kind: 'open', probability: 60 },
  { id: 'd', name: 'Discovery', order: 2, kind: 'open', probability: 40 },
  { id: 'n', name: 'Negotiation', order: 4, kind: 'open', probability: 80 },
];
const deal = { name: 'Monarch Air', status: 'open' as const };

describe('suggestCommitment', () => {
  it('advances an open deal one stage, in stage order, by its close date', () => {
    expect(
      suggestCommitment({ ...deal, stageId: 'd', closeDate: '2027-01-15' }, stages, '2026-12-05'),
    ).toEqual({ text: 'Advance Monarch Air to Proposal by Jan 15', dueOn: '2027-01-15' });
  });

  it('closes from the last open stage, and gives two weeks when the close date is past or unset', () => {
    // Dec 5 + 14 days = Dec 19.
    expect(
      suggestCommitment({ ...deal, stageId: 'n', closeDate: '2026-11-30' }, stages, '2026-12-05'),
    ).toEqual({ text: 'Close Monarch Air by Dec 19', dueOn: '2026-12-19' });
    expect(
      suggestCommitment({ ...deal, stageId: 'q', closeDate: null }, stages, '2026-12-05'),
    ).toEqual({ text: 'Advance Monarch Air to Discovery by Dec 19', dueOn: '2026-12-19' });
  });

  it('suggests nothing for a closed deal', () => {
    expect(
      suggestCommitment(
        { name: 'X', status: 'won', stageId: 'won', closeDate: '2026-12-01' },
        stages,
        '2026-12-05',
      ),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../core/agenda.js';
import { monthFact, opportunityFact, repFacts } from '../core/test-factories.js';
import { renderAgenda } from './render-agenda.js';

const base = { currency: 'USD', locale: 'en-US', timeZone: 'UTC', fiscalYearStartMonth: 1 };

describe('renderAgenda', () => {
  it('leads with the stage and its reasons, then the numbers, when results are behind', () => {
    // The factory's rep: October goal $100,000, nothing booked, no pipeline → activity.
    const agenda = buildAgenda({ ...base, facts: repFacts() });
    const lines = renderAgenda(agenda).split('\n');
    expect(lines[3]).toBe('Stage reached: ACTIVITY REVIEW');
    expect(lines[4]).toBe(`  • ${agenda.progression.reasons[0]}`);
    expect(lines).toContain('  October 2026           $0 of $100,000 goal · 0%');
    expect(lines).toContain('  [pipeline] What have you added to your pipeline since we last met?');
    expect(lines.some((l) => l.startsWith('Activity since '))).toBe(true);
  });

  it('keeps a rep beating the goal to results and a short pipeline check', () => {
    const facts = repFacts({ months: [monthFact({ month: '2026-10', bookings: 12_000_000 })] });
    const text = renderAgenda(buildAgenda({ ...base, facts }));
    expect(text).toContain('Stage reached: RESULTS REVIEW');
    expect(text).toContain('  October 2026           $120,000 of $100,000 goal · 120%');
    expect(text).toContain('Short pipeline check — will the momentum continue?');
    expect(text).not.toContain('Activity since');
  });

  it('notes under the results the won deals without an amount, with their ids', () => {
    const facts = repFacts({ wonWithoutAmount: { count: 12, externalIds: ['W-1', 'W-2'] } });
    const lines = renderAgenda(buildAgenda({ ...base, facts })).split('\n');
    expect(lines).toContain(
      '  Data: 12 won deals have no amount in October 2026 (ids W-1, W-2, …); bookings may be understated',
    );
  });

  it('rounds coverage half-up, as the screens do: 107,100,000 ÷ 30,000,000 reads 3.6×', () => {
    // Goal $100,000 a month for Nov–Jan, nothing booked yet: 30,000,000 still to win; one
    // deal of 107,100,000 closing in December is 3.57× raw (a truncating formatter said 3.5×).
    const facts = repFacts({
      months: [monthFact({ month: '2026-10', bookings: 12_000_000 })],
      opportunities: [
        opportunityFact({
          id: 'm',
          stageId: 'negotiate',
          amount: 107_100_000,
          closeDate: '2026-12-01',
        }),
      ],
    });
    const agenda = buildAgenda({ ...base, facts });
    expect(agenda.pipeline.coverage.raw).toBeCloseTo(3.57, 10);
    expect(renderAgenda(agenda)).toContain('  Coverage 3.6× raw,');
  });
});

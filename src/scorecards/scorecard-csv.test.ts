import { describe, expect, it } from 'vitest';
import { periodContaining } from '../core/periods.js';
import { buildScorecard } from '../core/scorecard.js';
import { scorecardCsv } from './scorecard-csv.js';

const period = periodContaining({ day: '2026-03-10', kind: 'month', fiscalYearStartMonth: 1 });
const member = (personId: string, name: string, actual: number, goal: number) => ({
  personId,
  name,
  current: { actual, goal },
  previous: null,
  yearToDate: null,
  trend: [],
});

describe('scorecardCsv', () => {
  it("writes money with the currency's own decimals: none in JPY, two in USD", () => {
    const members = [member('p1', 'Aoi', 1_234_567, 1_000_000), member('p2', 'Ren', 500, 1_000)];
    const yen = scorecardCsv(
      buildScorecard({ team: { id: 't', name: 'Tokyo' }, period, currency: 'JPY', members }),
    );
    // Aoi: ¥1,234,567 of ¥1,000,000 = 123.46%; Ren: ¥500 of ¥1,000 = 50%.
    expect(yen.split('\n').slice(1, 3)).toEqual([
      '1,Aoi,1234567,1000000,1.2346,,,,,,JPY',
      '2,Ren,500,1000,0.5000,,,,,,JPY',
    ]);
    const dollars = scorecardCsv(
      buildScorecard({ team: { id: 't', name: 'Boston' }, period, currency: 'USD', members }),
    );
    expect(dollars.split('\n')[1]).toBe('1,Aoi,12345.67,10000.00,1.2346,,,,,,USD');
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { periodContaining } from '../core/periods.js';
import { yearToDate } from '../core/results.js';
import { buildScorecard } from '../core/scorecard.js';
import { monthFact, monthlyGoals } from '../core/test-factories.js';
import { scorecardCsv } from './scorecard-csv.js';

/** A cell a spreadsheet reads as a number: no grouping, one decimal point at most. */
const SPREADSHEET_NUMBER = /^-?\d+(\.\d+)?$/;

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

  it('writes a prorated year-to-date goal as whole cents, every numeric column a plain number', () => {
    // $100,000.00 a month; as of Thu 2026-10-01, Jan–Sep are complete (9 × 10,000,000 cents)
    // and October has 22 business days, 1 elapsed: 10,000,000 × 1/22 = 454,545.45… → 454,545.
    // Goal 90,454,545 cents = "904545.45"; 45,000,000 ÷ 90,454,545 = 0.49748… → "0.4975".
    const ytd = yearToDate({
      months: [monthFact({ month: '2026-05', bookings: 45_000_000 })],
      goals: monthlyGoals({ from: '2026-01', to: '2026-12' }),
      asOf: '2026-10-01',
      fiscalYearStartMonth: 1,
      proration: 'business-days',
    });
    const october = periodContaining({ day: '2026-10-01', kind: 'month', fiscalYearStartMonth: 1 });
    const csv = scorecardCsv(
      buildScorecard({
        team: { id: 't', name: 'East' },
        period: october,
        currency: 'USD',
        members: [
          {
            personId: 'p1',
            name: 'Ann',
            current: { actual: 0, goal: 10_000_000 },
            previous: { actual: 12_345, goal: 10_000_000 },
            yearToDate: { actual: ytd.actual, goal: ytd.goal },
            trend: [],
          },
        ],
      }),
    );
    const [, row] = parse(csv) as string[][];
    expect(row).toEqual([
      '1',
      'Ann',
      '0.00',
      '100000.00',
      '0.0000',
      '1',
      '0',
      '450000.00',
      '904545.45',
      '0.4975',
      'USD',
    ]);
    for (const column of [0, 2, 3, 4, 5, 6, 7, 8, 9]) {
      expect(row?.[column]).toMatch(SPREADSHEET_NUMBER);
    }
  });

  it.each([
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\r',
    '\uFF1D',
    '\uFF0B',
    '\uFF0D',
    '\uFF20',
    '\uFE66',
    '\uFE62',
    '\uFE63',
    '\uFE6B',
  ])('neutralises a name starting with the formula starter %j', (start) => {
    const name = `${start}HYPERLINK("http://evil.test","x")`;
    const csv = scorecardCsv(
      buildScorecard({
        team: { id: 't', name: 'East' },
        period,
        currency: 'USD',
        members: [member('p1', name, 1_000, 1_000)],
      }),
    );
    const [, row] = parse(csv) as string[][];
    expect(row?.[1]).toBe(`'${name}`);
  });
});

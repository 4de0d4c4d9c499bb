import { describe, expect, it } from 'vitest';
import { type BuildAgendaOptions, buildAgenda } from './agenda.js';
import { AgendaSchema } from './agenda-schema.js';
import { dayInZone } from './days.js';
import { monthFact, monthlyGoals, opportunityFact, repFacts, teamFacts } from './test-factories.js';

const options = (overrides: Partial<BuildAgendaOptions> = {}): BuildAgendaOptions => ({
  facts: repFacts({ months: [monthFact({ month: '2026-10', bookings: 7_200_000 })] }),
  currency: 'USD',
  locale: 'en-US',
  timeZone: 'America/Los_Angeles',
  fiscalYearStartMonth: 1,
  ...overrides,
});

describe('buildAgenda', () => {
  it('produces JSON that the agenda schema accepts unchanged', () => {
    const agenda = buildAgenda(
      options({ facts: repFacts({ opportunities: [opportunityFact()] }) }),
    );
    expect(AgendaSchema.parse(JSON.parse(JSON.stringify(agenda)))).toEqual(agenda);
    expect(agenda.settings.coverageTarget).toBe(3);
    expect(agenda.meeting).toEqual({ cadence: 'monthly', minutes: 20 });
  });

  it('asks the pipeline questions verbatim when the meeting reaches pipeline review', () => {
    const facts = repFacts({
      months: [monthFact({ month: '2026-10', bookings: 7_200_000 })],
      // 90,000,000 in Negotiation closing in December: 3.0× but Qualification…Proposal empty.
      opportunities: [
        opportunityFact({ stageId: 'negotiate', amount: 90_000_000, closeDate: '2026-12-10' }),
      ],
    });
    const agenda = buildAgenda(
      options({ facts, settings: { requireDealsInEveryOpenStage: false } }),
    );
    expect(agenda.progression.stage).toBe('pipeline');
    const pipelineQuestions = agenda.questions
      .filter((q) => q.stage === 'pipeline')
      .map((q) => q.text);
    expect(pipelineQuestions.slice(0, 2)).toEqual([
      'What have you added to your pipeline since we last met?',
      'What have you advanced?',
    ]);
    // November: goal 10,000,000 − 0 booked so far = $100,000 still to close.
    expect(agenda.questions[0]?.text).toBe(
      'What is your plan to close the remaining $100,000 in November 2026?',
    );
  });

  it('withholds the activity detail under the activity gate unless the stage is activity', () => {
    const gated = buildAgenda(options({ facts: repFacts(), settings: { activityGate: true } }));
    // October 0 of 100,000 with no pipeline → activity stage: shown despite the gate.
    expect(gated.progression.stage).toBe('activity');
    expect(gated.activity).not.toBeNull();
    const onPlan = repFacts({ months: [monthFact({ month: '2026-10', bookings: 10_000_000 })] });
    const hidden = buildAgenda(options({ facts: onPlan, settings: { activityGate: true } }));
    expect(hidden).toMatchObject({ activity: null, activityWithheld: true });
    expect(hidden.questions.map((q) => q.text)).toContain('What will keep the momentum going?');
  });

  it('reviews September when the instant is 23:30 on October 31 in Los Angeles', () => {
    // 2026-10-31T23:30-07:00 = 2026-11-01T06:30Z, still Oct 31 locally.
    const asOf = dayInZone('2026-11-01T06:30:00Z', 'America/Los_Angeles');
    const agenda = buildAgenda(options({ facts: repFacts({ asOf }) }));
    expect(agenda.results.review.period.key).toBe('2026-09');
    expect(agenda.results.current).toMatchObject({
      period: { key: '2026-10' },
      elapsed: 1,
      inProgress: true,
    });
  });

  it('computes the year to date over a fiscal year that starts in February', () => {
    const facts = repFacts({
      goals: monthlyGoals({ from: '2026-02', to: '2027-01' }),
      months: [
        monthFact({ month: '2026-01', bookings: 999 }),
        monthFact({ month: '2026-02', bookings: 5_000_000 }),
      ],
    });
    const { yearToDate } = buildAgenda(options({ facts, fiscalYearStartMonth: 2 })).results;
    // FY2027 = Feb 2026 → Jan 2027; January 2026 belongs to FY2026 and is left out.
    // Goal: Feb–Oct 9 × 10,000,000 + Nov 10,000,000 × 2/21 = 90,952,380.95… → 90,952,381.
    expect(yearToDate.period).toMatchObject({
      key: 'FY2027',
      start: '2026-02-01',
      end: '2027-02-01',
    });
    expect(yearToDate.actual).toBe(5_000_000);
    expect(yearToDate.goal).toBe(90_952_381);
  });

  it('lists the calendar ahead by org-local day when events sit near midnight', () => {
    const scheduled = [
      // PST (UTC−8) after Nov 1: 07:30Z Nov 4 = 23:30 Nov 3, the agenda day itself: not ahead.
      {
        kind: 'meeting',
        occurredAt: '2026-11-04T07:30:00Z',
        subject: 'late',
        opportunityName: null,
      },
      // 08:30Z Nov 4 = 00:30 Nov 4: ahead.
      {
        kind: 'call',
        occurredAt: '2026-11-04T08:30:00Z',
        subject: 'early',
        opportunityName: 'Acme renewal',
      },
      // 07:59Z Dec 1 = 23:59 Nov 30, within Nov 3 + 28 days = Dec 1.
      {
        kind: 'meeting',
        occurredAt: '2026-12-01T07:59:00Z',
        subject: 'edge',
        opportunityName: null,
      },
      // 08:00Z Dec 2 = 00:00 Dec 2: beyond Dec 1.
      {
        kind: 'meeting',
        occurredAt: '2026-12-02T08:00:00Z',
        subject: 'beyond',
        opportunityName: null,
      },
    ];
    const { activity } = buildAgenda(options({ facts: repFacts({ scheduled }) }));
    expect(activity?.calendarAhead.until).toBe('2026-12-01');
    expect(activity?.calendarAhead.items.map((i) => [i.day, i.subject])).toEqual([
      ['2026-11-04', 'early'],
      ['2026-11-30', 'edge'],
    ]);
  });

  it('warns about micromanagement when a weekly cadence meets a 180-day cycle', () => {
    const facts = repFacts({ team: teamFacts({ medianCycleDays: 180 }) });
    const { cadence } = buildAgenda(options({ facts, settings: { cadence: 'weekly' } }));
    expect(cadence.recommended).toBe('monthly');
    expect(cadence.warning).toBe(
      'Reviewing a 180-day pipeline weekly is micromanagement: with a median sales cycle of 180 days a deal changes meaningfully about every 30 days; meet monthly.',
    );
  });
});

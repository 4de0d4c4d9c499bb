import { describe, expect, it } from 'vitest';
import { dealHistoryRecords, ownerRecord, stagesOf } from './hubspot-mapping.js';

const pipelines = [
  {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: [
      {
        id: 'a',
        label: 'Discovery',
        displayOrder: 0,
        metadata: { isClosed: 'false', probability: '0.1' },
      },
      {
        id: 'w',
        label: 'Won',
        displayOrder: 1,
        metadata: { isClosed: 'true', probability: '1.0' },
      },
      {
        id: 'l',
        label: 'Lost',
        displayOrder: 2,
        metadata: { isClosed: 'true', probability: '0.0' },
      },
    ],
  },
  {
    id: '77',
    label: 'Partners',
    displayOrder: 1,
    stages: [
      {
        id: 'p1',
        label: 'Sourced',
        displayOrder: 0,
        metadata: { isClosed: 'false', probability: '0.35' },
      },
    ],
  },
];

describe('HubSpot mapping', () => {
  it("reads a stage's kind from isClosed and its probability, and keeps only the chosen pipelines", () => {
    const all = stagesOf(pipelines, undefined);
    expect([...all.entries()]).toEqual([
      ['a', { label: 'Discovery', kind: 'open', probability: 10, sortOrder: 0 }],
      ['w', { label: 'Won', kind: 'won', probability: 100, sortOrder: 1 }],
      ['l', { label: 'Lost', kind: 'lost', probability: 0, sortOrder: 2 }],
      ['p1', { label: 'Sourced', kind: 'open', probability: 35, sortOrder: 1000 }],
    ]);
    expect([...stagesOf(pipelines, ['77']).keys()]).toEqual(['p1']);
  });

  it('turns property histories into one state per second, each with the latest values by its end', () => {
    const stages = stagesOf(pipelines, undefined);
    const rows = dealHistoryRecords(
      {
        id: '9001',
        properties: { dealstage: 'w' },
        propertiesWithHistory: {
          // Newest first, as HubSpot answers.
          dealstage: [
            { value: 'w', timestamp: '2024-05-02T10:00:00.900Z' },
            { value: 'a', timestamp: '2024-05-01T08:00:00.000Z' },
          ],
          amount: [
            { value: '2500', timestamp: '2024-05-02T10:00:00.100Z' },
            { value: '1000', timestamp: '2024-05-01T08:00:00.400Z' },
          ],
          closedate: [{ value: '2024-06-30T00:00:00Z', timestamp: '2024-05-01T08:00:01.000Z' }],
        },
      },
      7,
      stages,
      'Amount',
    );
    expect(rows).toEqual([
      {
        line: 7,
        values: {
          opportunity_external_id: '9001',
          changed_at: '2024-05-01T08:00:00.000Z',
          stage: 'Discovery',
          amount: '1000',
        },
      },
      {
        line: 8,
        values: {
          opportunity_external_id: '9001',
          changed_at: '2024-05-01T08:00:01.000Z',
          stage: 'Discovery',
          amount: '1000',
          close_date: '2024-06-30',
        },
      },
      {
        line: 9,
        values: {
          opportunity_external_id: '9001',
          changed_at: '2024-05-02T10:00:00.000Z',
          stage: 'Won',
          amount: '2500',
          close_date: '2024-06-30',
        },
      },
    ]);
  });

  it("puts an owner in their primary team under the chosen manager; the manager's own row manages it", () => {
    const owner = (id: string, email: string) => ({
      id,
      email,
      firstName: email.split('@')[0],
      lastName: 'X',
      teams: [
        { id: '1', name: 'Inbound', primary: false },
        { id: '2', name: 'Outbound', primary: true },
      ],
    });
    const managers = { Outbound: 'boss@acme.test' };
    expect(ownerRecord(owner('11', 'rep@acme.test'), 1, managers, false).values).toEqual({
      external_id: '11',
      name: 'rep X',
      email: 'rep@acme.test',
      team: 'Outbound',
      manager_email: 'boss@acme.test',
    });
    expect(ownerRecord(owner('12', 'Boss@acme.test'), 2, managers, false).values).toEqual({
      external_id: '12',
      name: 'Boss X',
      email: 'Boss@acme.test',
      role: 'manager',
    });
    // An admin stays an admin (no role given), still in their team.
    expect(ownerRecord(owner('13', 'ada@acme.test'), 3, {}, true).values).toEqual({
      external_id: '13',
      name: 'ada X',
      email: 'ada@acme.test',
      team: 'Outbound',
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  eventRecord,
  historyRecord,
  opportunityRecord,
  rolesOf,
  soql,
  taskRecord,
} from './salesforce-mapping.js';

describe('Salesforce SOQL', () => {
  it('reads from the cursor on (>=, UTC, unquoted), ordered by SystemModstamp then Id', () => {
    expect(soql.Task('2024-03-01T15:00:00.000+0000')).toBe(
      'SELECT Id, OwnerId, Subject, Type, TaskSubtype, ActivityDate, CompletedDateTime, CreatedDate, WhatId, IsDeleted, SystemModstamp FROM Task WHERE SystemModstamp >= 2024-03-01T15:00:00Z ORDER BY SystemModstamp, Id',
    );
    expect(soql.User()).toContain("FROM User WHERE UserType = 'Standard' ORDER BY");
    expect(soql.User('2024-03-01T10:00:00.000+0200')).toContain(
      "WHERE SystemModstamp >= 2024-03-01T08:00:00Z AND UserType = 'Standard'",
    );
  });

  it('reads a custom amount field beside Amount, and quotes ids in IN lists', () => {
    expect(soql.Opportunity(undefined, 'ARR__c')).toContain(
      'StageName, Amount, ARR__c, Probability',
    );
    expect(soql.Opportunity(undefined, 'Amount')).toContain('StageName, Amount, Probability');
    expect(soql.historyOf(['006A', "00'6"])).toContain("WHERE OpportunityId IN ('006A', '00\\'6')");
  });
});

describe('Salesforce records as import rows', () => {
  it('an opportunity takes the chosen amount field; empty fields are left out', () => {
    const record = {
      Id: '006A',
      Name: 'Acme',
      Account: { attributes: { type: 'Account' }, Name: 'Acme Inc' },
      OwnerId: '005R',
      StageName: 'Proposal',
      Amount: 1000,
      ARR__c: 12000.5,
      Probability: null,
      CreatedDate: '2024-02-01T09:00:00.000+0000',
      CloseDate: '2024-04-30',
      IsClosed: false,
      IsWon: false,
    };
    expect(opportunityRecord(record, 3, 'ARR__c')).toEqual({
      line: 3,
      values: {
        external_id: '006A',
        name: 'Acme',
        account: 'Acme Inc',
        owner: '005R',
        stage: 'Proposal',
        amount: '12000.5',
        created_at: '2024-02-01T09:00:00.000+0000',
        close_date: '2024-04-30',
        is_closed: 'false',
        is_won: 'false',
      },
    });
  });

  it('history leaves the amount out when the amount is a custom field', () => {
    const row = {
      OpportunityId: '006A',
      CreatedDate: '2024-02-10T09:00:00.000+0000',
      StageName: 'Qualification',
      Amount: 1000,
      CloseDate: '2024-04-30',
    };
    expect(historyRecord(row, 1, true).values.amount).toBe('1000');
    expect(historyRecord(row, 1, false).values.amount).toBeUndefined();
  });

  it.each([
    ['Call', null, 'call'],
    ['Email', 'Meeting', 'email'],
    ['ListEmail', null, 'email'],
    ['Task', 'Meeting', 'meeting'],
    ['Task', null, 'task'],
    [null, 'Other', 'other'],
    [null, null, 'task'],
  ])('a task of subtype %s and type %s is a %s', (subtype, type, kind) => {
    const record = {
      Id: '00T',
      OwnerId: '005R',
      TaskSubtype: subtype,
      Type: type,
      ActivityDate: '2024-03-04',
    };
    expect(taskRecord(record, 1).values.kind).toBe(kind);
  });

  it('a task happened when completed, else on its due date, else when created', () => {
    const base = { Id: '00T', OwnerId: '005R', CreatedDate: '2024-03-01T08:00:00.000+0000' };
    expect(
      taskRecord(
        { ...base, CompletedDateTime: '2024-03-02T10:00:00.000+0000', ActivityDate: '2024-03-05' },
        1,
      ).values.occurred_at,
    ).toBe('2024-03-02T10:00:00.000+0000');
    expect(taskRecord({ ...base, ActivityDate: '2024-03-05' }, 1).values.occurred_at).toBe(
      '2024-03-05',
    );
    expect(taskRecord(base, 1).values.occurred_at).toBe('2024-03-01T08:00:00.000+0000');
  });

  it('an event is a meeting at its start unless its Type says otherwise', () => {
    const event = { Id: '00U', OwnerId: '005R', StartDateTime: '2024-03-07T16:00:00.000+0000' };
    expect(eventRecord(event, 1).values).toMatchObject({
      kind: 'meeting',
      occurred_at: '2024-03-07T16:00:00.000+0000',
    });
    expect(eventRecord({ ...event, Type: 'Demo' }, 1).values.kind).toBe('demo');
  });

  it('managers of managers lead, managers manage, within the batch', () => {
    const users = [
      { Id: 'V', ManagerId: null },
      { Id: 'M', ManagerId: 'V' },
      { Id: 'R', ManagerId: 'M' },
      { Id: 'S', ManagerId: 'M' },
      { Id: 'N', ManagerId: 'X' },
    ];
    expect(Object.fromEntries(rolesOf(users))).toEqual({ V: 'leader', M: 'manager', X: 'manager' });
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { openCsv } from './read-csv.js';
import { resolveColumns } from './resolve-columns.js';

const datasets = new URL('../../../test/datasets/', import.meta.url);

async function headersOf(file: string): Promise<readonly string[]> {
  const csv = await openCsv(fileURLToPath(new URL(file, datasets)));
  csv.close();
  return csv.headers;
}

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('resolveColumns with the auto preset', () => {
  it('picks salesforce for the demo Opportunity export', async () => {
    const headers = await headersOf('salesforce-demo-export/Opportunity.csv');
    expect(resolveColumns({ kind: 'opportunities', headers })).toEqual({
      preset: 'salesforce',
      columns: {
        external_id: 'Id',
        name: 'Name',
        account: 'AccountId',
        owner: 'OwnerId',
        stage: 'StageName',
        amount: 'Amount',
        probability: 'Probability',
        created_at: 'CreatedDate',
        close_date: 'CloseDate',
        is_closed: 'IsClosed',
        is_won: 'IsWon',
      },
    });
  });

  it('picks salesforce for the Developer Edition Opportunity export, which has no owner', async () => {
    const headers = await headersOf('salesforce-dev-edition/Opportunity.csv');
    const resolved = resolveColumns({ kind: 'opportunities', headers });
    expect(resolved.preset).toBe('salesforce');
    expect(resolved.columns.owner).toBeUndefined();
    expect(resolved.columns).toMatchObject({ stage: 'StageName', close_date: 'CloseDate' });
  });

  it('picks salesforce for OpportunityHistory, the change time being CreatedDate', async () => {
    const headers = await headersOf('salesforce-dev-edition/OpportunityHistory.csv');
    expect(resolveColumns({ kind: 'opportunity-history', headers })).toEqual({
      preset: 'salesforce',
      columns: {
        opportunity_external_id: 'OpportunityId',
        changed_at: 'CreatedDate',
        stage: 'StageName',
        amount: 'Amount',
        close_date: 'CloseDate',
        probability: 'Probability',
      },
    });
  });

  it('picks salesforce for the Task export', async () => {
    const headers = await headersOf('salesforce-demo-export/Task.csv');
    expect(resolveColumns({ kind: 'activities', headers })).toEqual({
      preset: 'salesforce',
      columns: {
        external_id: 'Id',
        person: 'OwnerId',
        kind: 'Type__c',
        occurred_at: 'ActivityDate',
        opportunity_external_id: 'WhatId',
        subject: 'Subject',
      },
    });
  });

  it('picks salesforce for a report export with labels', () => {
    const headers = [
      'Opportunity Owner',
      'Opportunity Name',
      'Stage',
      'Close Date',
      'Created Date',
      'Amount',
    ];
    expect(
      resolveColumns({ kind: 'opportunities', headers, map: { external_id: 'Opportunity Name' } }),
    ).toEqual({
      preset: 'salesforce',
      columns: {
        external_id: 'Opportunity Name',
        name: 'Opportunity Name',
        owner: 'Opportunity Owner',
        stage: 'Stage',
        amount: 'Amount',
        created_at: 'Created Date',
        close_date: 'Close Date',
      },
    });
  });

  it('picks hubspot for a deal export', () => {
    const headers = [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Amount',
      'Close Date',
      'Create Date',
      'Deal owner',
      'Pipeline',
    ];
    expect(resolveColumns({ kind: 'opportunities', headers })).toEqual({
      preset: 'hubspot',
      columns: {
        external_id: 'Record ID',
        name: 'Deal Name',
        owner: 'Deal owner',
        stage: 'Deal Stage',
        amount: 'Amount',
        created_at: 'Create Date',
        close_date: 'Close Date',
      },
    });
  });

  it('picks hubspot for internal property names', () => {
    const headers = [
      'hs_object_id',
      'dealname',
      'dealstage',
      'amount',
      'closedate',
      'hubspot_owner_id',
    ];
    const resolved = resolveColumns({ kind: 'opportunities', headers });
    expect(resolved.preset).toBe('hubspot');
    expect(resolved.columns).toMatchObject({
      external_id: 'hs_object_id',
      owner: 'hubspot_owner_id',
    });
  });

  it("picks rudder for Rudder's own format, tolerating case and spacing", () => {
    const headers = ['Person', 'Month', 'amount'];
    expect(resolveColumns({ kind: 'results', headers })).toEqual({
      preset: 'rudder',
      columns: { person: 'Person', period: 'Month', amount: 'amount' },
    });
  });
});

describe('resolveColumns errors', () => {
  it('names missing required columns and the headers found', () => {
    const error = thrown(() =>
      resolveColumns({ kind: 'opportunities', headers: ['Id', 'Name', 'Amount', 'CloseDate'] }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      'The file lacks required columns for opportunities: stage (read with the salesforce preset; map them with field=header). Headers found: Id, Name, Amount, CloseDate.',
    );
    expect(error.issues).toEqual([
      {
        field: 'stage',
        reason: 'no column for stage; expected a header such as StageName, Stage, stage',
      },
    ]);
  });

  it('lets an explicit mapping supply a missing column', () => {
    const headers = ['Id', 'Name', 'Amount', 'CloseDate', 'Phase'];
    const resolved = resolveColumns({ kind: 'opportunities', headers, map: { stage: 'Phase' } });
    expect(resolved.columns.stage).toBe('Phase');
  });

  it('rejects a mapping to an unknown field or header', () => {
    const error = thrown(() =>
      resolveColumns({
        kind: 'results',
        headers: ['person', 'period', 'amount'],
        map: { revenue: 'amount', person: 'Rep' },
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(['revenue', 'person']);
    expect(error.issues[1]?.reason).toBe(
      'the file has no column "Rep"; headers: person, period, amount',
    );
  });

  it('honours a forced preset even when another would match better', () => {
    const headers = ['Id', 'Name', 'StageName', 'Amount', 'CloseDate'];
    const error = thrown(() =>
      resolveColumns({ kind: 'opportunities', headers, preset: 'hubspot' }),
    );
    expect(error.message).toContain(
      'lacks required columns for opportunities: external_id, stage (read with the hubspot preset',
    );
  });
});

describe("a people file's Role column: the person's role or the team", () => {
  const generic = ['Name', 'Email', 'Role', 'Manager'];
  const rows = (role: string[]) => role.map((value) => ({ Role: value }));

  it('reads a generic sheet whose Role values are roles as the role, with no team', () => {
    const resolved = resolveColumns({
      kind: 'people',
      headers: generic,
      sample: rows(['rep', 'Manager', '', 'rep']),
    });
    expect(resolved.columns).toEqual({
      name: 'Name',
      email: 'Email',
      role: 'Role',
      manager: 'Manager',
    });
    expect(resolved.preset).toBe('rudder');
    expect(resolved.notes).toEqual([
      'The column "Role" is read as the person\'s role: its values are roles (rep, manager). Choose it for Team if it holds team names.',
    ]);
  });

  it("reads a Salesforce user report's Role (the role hierarchy) as the team", () => {
    const headers = ['Full Name', 'Email', 'Role', 'Manager', 'Title'];
    const resolved = resolveColumns({
      kind: 'people',
      headers,
      sample: rows(['Western Sales Team', 'Western Sales Team', 'VP, North American Sales']),
    });
    expect(resolved.columns).toEqual({
      name: 'Full Name',
      email: 'Email',
      team: 'Role',
      manager: 'Manager',
      title: 'Title',
    });
    expect(resolved.notes?.[0]).toContain('"Role" is read as the team');
  });

  it("takes a Data Loader export's UserRole.Name as the team, with no note: nothing is ambiguous", () => {
    const headers = ['Id', 'Name', 'Email', 'UserRole.Name', 'ManagerId'];
    const resolved = resolveColumns({ kind: 'people', headers });
    expect(resolved).toEqual({
      preset: 'salesforce',
      columns: {
        external_id: 'Id',
        name: 'Name',
        email: 'Email',
        team: 'UserRole.Name',
        manager_external_id: 'ManagerId',
      },
    });
  });

  it('decides by the headers when no rows are at hand', () => {
    const bare = resolveColumns({ kind: 'people', headers: generic });
    expect(bare.columns).toMatchObject({ role: 'Role' });
    expect(bare.columns.team).toBeUndefined();
    const salesforce = resolveColumns({
      kind: 'people',
      headers: ['Id', 'Name', 'Email', 'Role', 'ManagerId'],
    });
    expect(salesforce.columns).toMatchObject({ team: 'Role', manager_external_id: 'ManagerId' });
    expect(salesforce.columns.role).toBeUndefined();
  });

  it("keeps Rudder's own lowercase `role` as the role whatever it holds", () => {
    const resolved = resolveColumns({
      kind: 'people',
      headers: ['Id', 'name', 'role'],
      sample: [{ role: 'West' }],
    });
    expect(resolved.columns).toMatchObject({ role: 'role' });
    expect(resolved.columns.team).toBeUndefined();
  });

  it('lets an explicit choice of the column win, without guessing it for the other field', () => {
    const resolved = resolveColumns({
      kind: 'people',
      headers: ['Id', 'Name', 'Role'],
      map: { role: 'Role' },
    });
    expect(resolved.columns).toEqual({ external_id: 'Id', name: 'Name', role: 'Role' });
    expect(resolved.notes).toBeUndefined();
  });
});

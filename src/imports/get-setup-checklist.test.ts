import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertStages } from '../db/test-fixtures.js';
import { getSetupChecklist } from './get-setup-checklist.js';
import { importFile } from './import-file.js';
import type { ImportKind } from './read/import-fields.js';
import { importTemplate, presetsFor } from './read/import-template.js';
import { csvFolder } from './test-files.js';

let db: Database;
let orgId: string;
const files = csvFolder();
const asOf = '2024-03-15T00:00:00.000Z';

beforeAll(async () => {
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'first-steps' });
  await insertStages(db, orgId);
});
afterAll(async () => {
  files.remove();
  await db.close();
});

/** One hand-written value per field a first row needs; any other column stays empty. */
const oneRow: Record<ImportKind, Record<string, string>> = {
  people: { name: 'Rae Rep', email: 'rae@first.test', manager: 'Mona Manager' },
  goals: { person: 'rae@first.test', metric: 'bookings', period: '2024-03', target: '5000' },
  opportunities: {
    external_id: 'D-1',
    name: 'First deal',
    owner: 'rae@first.test',
    stage: 'Proposal',
    amount: '1200',
    close_date: '2024-04-30',
  },
  'opportunity-history': {
    opportunity_external_id: 'D-1',
    changed_at: '2024-03-02T10:00:00Z',
    stage: 'Discovery',
  },
  activities: { person: 'rae@first.test', kind: 'call', occurred_at: '2024-03-04T09:00:00Z' },
  results: { person: 'rae@first.test', period: '2024-02', amount: '800' },
};

/** The template with one row filled in: each column's value, or an empty cell. */
function filled(kind: ImportKind): string {
  const template = importTemplate(kind);
  const headers = template.trim().split(',');
  return `${template}${headers.map((header) => oneRow[kind][header] ?? '').join(',')}\n`;
}

const stepsDone = async () =>
  Object.fromEntries(
    (await getSetupChecklist(db, orgId)).steps.map((s) => [s.step, [s.done, s.count, s.total]]),
  );

describe(`the admin's first steps and the CSV templates (${testEngine})`, () => {
  it('lists the template columns, required first, and the presets each kind accepts', () => {
    expect(importTemplate('people')).toBe(
      'name,external_id,email,role,team,manager,manager_email,manager_external_id,title,region\n',
    );
    expect(importTemplate('goals')).toBe('person,metric,period,target,activity_kind\n');
    expect(presetsFor('people')).toEqual(['rudder', 'salesforce', 'hubspot']);
    expect(presetsFor('opportunity-history')).toEqual(['rudder', 'salesforce']);
    expect(presetsFor('results')).toEqual(['rudder']);
  });

  it('shows nothing done in a new organization', async () => {
    expect(await stepsDone()).toEqual({
      people: [false, 0, null],
      goals: [false, 0, null],
      opportunities: [false, 0, null],
      activities: [false, 0, null],
      stages: [false, 0, null],
      invitations: [false, 0, 0],
    });
  });

  // Each template, filled with one row, imports cleanly, in the order the checklist gives.
  for (const kind of [
    'people',
    'goals',
    'opportunities',
    'opportunity-history',
    'activities',
    'results',
  ] as const) {
    it(`imports the ${kind} template filled with one row`, async () => {
      const result = await importFile({
        db,
        orgId,
        path: files.write(`${kind}-template.csv`, filled(kind)),
        settings: { kind, asOf },
      });
      expect(result.errors).toEqual([]);
      expect(result.status).toBe('succeeded');
      expect(result.counts.rows).toBe(1);
    });
  }

  it('marks the steps done by what the imports wrote', async () => {
    // Rae is in Mona's team; Mona (added as a manager by name) has no e-mail to invite.
    expect(await stepsDone()).toEqual({
      people: [true, 1, null],
      goals: [true, 1, null],
      opportunities: [true, 1, null],
      activities: [true, 1, null],
      stages: [false, 0, null],
      invitations: [false, 0, 0],
    });
  });

  it('counts the managers invited and the stages decided', async () => {
    await db.query(
      `insert into person (org_id, name, email, role) values ($1, 'Ivo Invited', 'ivo@first.test', 'manager'),
         ($1, 'Una Uninvited', 'una@first.test', 'leader')`,
      [orgId],
    );
    await db.query(
      `insert into audit_event (org_id, action, subject_type, subject_id)
       select $1, 'auth.invitation_sent', 'person', id::text from person
       where org_id = $1 and email = 'ivo@first.test'
       union all select $1, 'stages.replaced', null, null`,
      [orgId],
    );
    const half = await stepsDone();
    expect(half.invitations).toEqual([false, 1, 2]);
    expect(half.stages).toEqual([true, 1, null]);
    await db.query(
      `update person set password_hash = 'x' where org_id = $1 and email = 'una@first.test'`,
      [orgId],
    );
    expect((await stepsDone()).invitations).toEqual([true, 2, 2]);
    expect((await getSetupChecklist(db, orgId)).done).toBe(6);
  });
});

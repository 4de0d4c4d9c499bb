import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { importFile } from '../import-file.js';
import { csvFolder } from '../test-files.js';

let db: Database;
const files = csvFolder();
const asOf = '2024-03-01T00:00:00.000Z';

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const importPeople = (orgId: string, name: string, text: string) =>
  importFile({ db, orgId, path: files.write(name, text), settings: { kind: 'people', asOf } });

const people = (orgId: string) =>
  db.query<{ name: string; role: string; team: string | null }>(
    `select p.name, p.role, t.name as team from person p
     left join team_membership m on m.org_id = p.org_id and m.person_id = p.id and m.valid_to is null
     left join team t on t.org_id = m.org_id and t.id = m.team_id
     where p.org_id = $1 order by p.name`,
    [orgId],
  );

describe(`a people file's "Role" column, imported without a mapping (${testEngine})`, () => {
  it("reads a sheet's Role of reps and managers as their role, the team named after the manager", async () => {
    const orgId = await insertOrg(db, { slug: 'role-sheet' });
    const sheet = [
      'Name,Email,Role,Manager',
      'Mona Manager,mona@sheet.test,Manager,',
      'Reed Rep,reed@sheet.test,Rep,Mona Manager',
      'Rita Rep,rita@sheet.test,rep,Mona Manager',
    ].join('\n');
    const result = await importPeople(orgId, 'sheet.csv', sheet);
    expect(result.errors).toEqual([]);
    // Before: the Salesforce preset won and made "Rep" and "Manager" the teams.
    expect(await people(orgId)).toEqual([
      { name: 'Mona Manager', role: 'manager', team: null },
      { name: 'Reed Rep', role: 'rep', team: 'Mona Manager' },
      { name: 'Rita Rep', role: 'rep', team: 'Mona Manager' },
    ]);
  });

  it("reads a Salesforce user report's Role (its role hierarchy) as the team", async () => {
    const orgId = await insertOrg(db, { slug: 'role-salesforce' });
    const report = [
      'Full Name,Email,Role,Manager,Title',
      'Mona Manager,mona@sf.test,Western Sales Team,,Sales Manager',
      'Reed Rep,reed@sf.test,Western Sales Team,Mona Manager,Account Executive',
      'Rita Rep,rita@sf.test,Western Sales Team,Mona Manager,Account Executive',
    ].join('\n');
    const result = await importPeople(orgId, 'users.csv', report);
    expect(result.errors).toEqual([]);
    expect(await people(orgId)).toEqual([
      { name: 'Mona Manager', role: 'manager', team: 'Western Sales Team' },
      { name: 'Reed Rep', role: 'rep', team: 'Western Sales Team' },
      { name: 'Rita Rep', role: 'rep', team: 'Western Sales Team' },
    ]);
  });
});

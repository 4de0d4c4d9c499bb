import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { importFile } from '../import-file.js';
import { csvFolder } from '../test-files.js';

let db: Database;
let orgId: string;
const files = csvFolder();
const asOf = '2024-03-01T00:00:00.000Z';

beforeAll(async () => {
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'crm-people' });
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const importPeople = (name: string, text: string, dryRun = false) =>
  importFile({
    db,
    orgId,
    path: files.write(name, text),
    settings: { kind: 'people', asOf, dryRun },
  });

const people = () =>
  db.query<{ name: string; email: string | null; role: string; team: string | null }>(
    `select p.name, p.email, p.role, t.name as team from person p
     left join team_membership m on m.org_id = p.org_id and m.person_id = p.id and m.valid_to is null
     left join team t on t.org_id = m.org_id and t.id = m.team_id
     where p.org_id = $1 order by p.name`,
    [orgId],
  );
const teams = () =>
  db.query<{ team: string; manager: string | null; leader: string | null }>(
    `select t.name as team, m.name as manager, l.name as leader from team t
     left join person m on m.org_id = t.org_id and m.id = t.manager_id
     left join person l on l.org_id = t.org_id and l.id = t.leader_id
     where t.org_id = $1 order by t.name`,
    [orgId],
  );

// An "agent, manager" sheet with two levels: Lena leads Mark; Mark manages Rae and Ray.
// Mia South is named only as Rio's manager; Sol's row names his team.
const sheet = [
  'Agent,Email,Manager',
  'Lena Leader,lena@crm.test,',
  'Mark North,mark@crm.test,Lena Leader',
  'Rae Rep,rae@crm.test,Mark North',
  'Ray Rep,,mark north',
  'Rio Rep,rio@crm.test,Mia South',
].join('\n');

describe(`people import: managers by name, as CRM exports give them (${testEngine})`, () => {
  it('previews the people, the added manager and the teams without writing', async () => {
    const result = await importPeople('sheet-dry.csv', sheet, true);
    expect(result.errors).toEqual([]);
    // Five rows and Mia, added because Rio's row names her.
    expect(result.counts).toMatchObject({ rows: 5, new: 6, changed: 0, unchanged: 0 });
    expect(await people()).toEqual([]);
  });

  it('resolves managers by name, adds the one named only, and names teams after managers', async () => {
    const result = await importPeople('sheet.csv', sheet);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 6 });
    expect(await people()).toEqual([
      { name: 'Lena Leader', email: 'lena@crm.test', role: 'leader', team: null },
      { name: 'Mark North', email: 'mark@crm.test', role: 'manager', team: null },
      { name: 'Mia South', email: null, role: 'manager', team: null },
      { name: 'Rae Rep', email: 'rae@crm.test', role: 'rep', team: 'Mark North' },
      { name: 'Ray Rep', email: null, role: 'rep', team: 'Mark North' },
      { name: 'Rio Rep', email: 'rio@crm.test', role: 'rep', team: 'Mia South' },
    ]);
    expect(await teams()).toEqual([
      { team: 'Mark North', manager: 'Mark North', leader: 'Lena Leader' },
      { team: 'Mia South', manager: 'Mia South', leader: null },
    ]);
  });

  it('changes nothing when the same sheet comes again', async () => {
    const result = await importPeople('sheet-again.csv', sheet);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 0, changed: 0, unchanged: 5 });
    expect((await people()).length).toBe(6);
  });

  it('puts a new rep in the team the manager runs, or in the team the row names', async () => {
    const hires = [
      'name,email,manager,team',
      // Mark runs "Mark North" already: Sam joins it.
      'Sam New,sam@crm.test,mark@crm.test,',
      // A team column wins over the manager's name; Mia becomes its manager.
      'Sol New,sol@crm.test,Mia South,Southwest',
    ].join('\n');
    const result = await importPeople('hires.csv', hires);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    const byName = new Map((await people()).map((p) => [p.name, p.team]));
    expect(byName.get('Sam New')).toBe('Mark North');
    expect(byName.get('Sol New')).toBe('Southwest');
    expect(await teams()).toContainEqual({ team: 'Southwest', manager: 'Mia South', leader: null });
  });

  it('refuses a name two people have, naming the row, the field and the candidates', async () => {
    const twins = [
      'name,email,manager',
      // A second "Mark North" in the file makes the name ambiguous.
      'Mark North,mark.2@crm.test,',
      'Tia New,tia@crm.test,Mark North',
    ].join('\n');
    const result = await importPeople('twins.csv', twins);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'manager',
        value: 'Mark North',
        reason:
          '2 people are named "Mark North": line 2: Mark North (mark.2@crm.test); Mark North (mark@crm.test) already in Rudder; name the manager by e-mail or external id',
      },
    ]);
    // All or nothing: neither row was written.
    expect((await people()).map((p) => p.name)).not.toContain('Tia New');
    expect((await people()).length).toBe(8);
  });

  it('refuses a manager e-mail that designates nobody', async () => {
    const ghost = ['name,manager', 'Ugo New,ghost@crm.test'].join('\n');
    const result = await importPeople('ghost.csv', ghost);
    expect(result.errors).toEqual([
      {
        line: 2,
        field: 'manager',
        value: 'ghost@crm.test',
        reason: 'the manager is neither in the organization nor in this file',
      },
    ]);
  });
});

describe(`people import: a region column names its leader (${testEngine})`, () => {
  let regionOrg: string;
  beforeAll(async () => {
    regionOrg = await insertOrg(db, { slug: 'regions' });
  });
  const importRegions = (name: string, text: string) =>
    importFile({
      db,
      orgId: regionOrg,
      path: files.write(name, text),
      settings: { kind: 'people', asOf },
    });
  const regionTeams = () =>
    db.query<{ team: string; manager: string | null; leader: string | null }>(
      `select t.name as team, m.name as manager, l.name as leader from team t
       left join person m on m.org_id = t.org_id and m.id = t.manager_id
       left join person l on l.org_id = t.org_id and l.id = t.leader_id
       where t.org_id = $1 order by t.name`,
      [regionOrg],
    );

  it("makes a region's leader lead its teams, unless a manager's row names another", async () => {
    const sheet = [
      'Agent,Role,Manager,Office',
      'Lena Leader,leader,,East',
      'Liv Leader,leader,,West',
      // Mark's own row names his manager: the hierarchy wins over the office.
      'Mark North,,Liv Leader,East',
      'Mona East,,,East',
      'Rae Rep,,Mark North,East',
      'Rex Rep,,Mona East,East',
      // Will is named only here; his team is in the West.
      'Wim Rep,,Will West,West',
    ].join('\n');
    const result = await importRegions('offices.csv', sheet);
    expect(result.errors).toEqual([]);
    expect(await regionTeams()).toEqual([
      { team: 'Mark North', manager: 'Mark North', leader: 'Liv Leader' },
      { team: 'Mona East', manager: 'Mona East', leader: 'Lena Leader' },
      { team: 'Will West', manager: 'Will West', leader: 'Liv Leader' },
    ]);
  });

  it('refuses two leaders for one region', async () => {
    const twoLeaders = ['name,role,region', 'Lars Leader,leader,East'].join('\n');
    const again = `${twoLeaders}\nLena Leader,leader,East`;
    const result = await importRegions('two-leaders.csv', again);
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'region',
        value: 'East',
        reason: "another leader's row names this region; a region has one leader",
      },
    ]);
  });
});

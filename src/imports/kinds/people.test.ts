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
  orgId = await insertOrg(db, { slug: 'hierarchy' });
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const importPeople = (name: string, text: string) =>
  importFile({ db, orgId, path: files.write(name, text), settings: { kind: 'people', asOf } });

const teams = () =>
  db.query<{ team: string; manager: string | null; leader: string | null }>(
    `select t.name as team, m.name as manager, l.name as leader from team t
     left join person m on m.org_id = t.org_id and m.id = t.manager_id
     left join person l on l.org_id = t.org_id and l.id = t.leader_id
     where t.org_id = $1 order by t.name`,
    [orgId],
  );

// Two leaders; Mark reports to Lena (by e-mail), Mia to Leo (by external id); the reps'
// rows name their team and its manager (Rio's by external id).
const hierarchy = [
  'external_id,name,email,role,team,manager_email,manager_external_id',
  'L-1,Lena Leader,lena@example.com,leader,,,',
  'L-2,Leo Leader,leo@example.com,leader,,,',
  'M-1,Mark North,mark@example.com,manager,,lena@example.com,',
  'M-2,Mia South,mia@example.com,manager,,,L-2',
  'R-1,Rae Rep,rae@example.com,rep,North,mark@example.com,',
  'R-2,Ray Rep,ray@example.com,rep,North,mark@example.com,',
  'R-3,Rio Rep,rio@example.com,rep,South,,M-2',
].join('\n');

describe(`people import: the manager hierarchy on ${testEngine}`, () => {
  it("makes a manager's manager the leader of the teams they manage", async () => {
    const result = await importPeople('hierarchy.csv', hierarchy);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 7, changed: 0, unchanged: 0 });
    expect(await teams()).toEqual([
      { team: 'North', manager: 'Mark North', leader: 'Lena Leader' },
      { team: 'South', manager: 'Mia South', leader: 'Leo Leader' },
    ]);
  });

  it('changes nothing when the same file comes again', async () => {
    const result = await importPeople('hierarchy-again.csv', hierarchy);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 0, changed: 0, unchanged: 7 });
    expect(await teams()).toEqual([
      { team: 'North', manager: 'Mark North', leader: 'Lena Leader' },
      { team: 'South', manager: 'Mia South', leader: 'Leo Leader' },
    ]);
  });

  it("counts a manager's row as changed when their teams get another leader", async () => {
    // Mia now reports to Lena; Mark's empty manager cell leaves his team's leader alone.
    const moved = [
      'external_id,name,email,manager_email',
      'M-1,Mark North,mark@example.com,',
      'M-2,Mia South,mia@example.com,lena@example.com',
    ].join('\n');
    const result = await importPeople('mia-moves.csv', moved);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    expect(await teams()).toEqual([
      { team: 'North', manager: 'Mark North', leader: 'Lena Leader' },
      { team: 'South', manager: 'Mia South', leader: 'Lena Leader' },
    ]);
  });

  it('rejects a leader who is neither in the file nor in the organization', async () => {
    const ghost = [
      'external_id,name,email,manager_email',
      'M-1,Mark North,mark@example.com,leo@example.com',
      'M-2,Mia South,mia@example.com,ghost@example.com',
    ].join('\n');
    const result = await importPeople('ghost-leader.csv', ghost);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'manager',
        value: 'ghost@example.com',
        reason: 'the manager is neither in the organization nor in this file',
      },
    ]);
    // All or nothing: Mark's valid row did not make Leo his team's leader either.
    expect(await teams()).toEqual([
      { team: 'North', manager: 'Mark North', leader: 'Lena Leader' },
      { team: 'South', manager: 'Mia South', leader: 'Lena Leader' },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

// A sheet kept by hand: none of its headers is a Rudder field name or a preset alias.
const header = 'Agent Person;Mail;Reports Up To;Squad';
const mapping = { name: 'Agent Person', email: 'Mail', manager: 'Reports Up To', team: 'Squad' };

describe(`the web's column mapping: suggested, applied, validated, remembered (${testEngine})`, () => {
  let world: World;
  let admin: string;
  let managerName: string;
  const body = (rows: string[]) => `${[header, ...rows].join('\n')}\n`;

  beforeAll(async () => {
    world = await createWorld();
    admin = await signIn(world.app, world.a.emails.admin);
    managerName = `${world.a.slug} m1`;
  });
  afterAll(async () => world.close());

  const columns = (csv: string) =>
    world.app.inject({
      method: 'POST',
      url: '/api/v1/imports/columns?kind=people',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
  const upload = (csv: string, map: object | string, dryRun: boolean) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1/imports?kind=people&fileName=agents.csv&dryRun=${dryRun}&columns=${encodeURIComponent(typeof map === 'string' ? map : JSON.stringify(map))}`,
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
  const proposed = async (csv: string) => {
    const response = await columns(csv);
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json() as {
      remembered: boolean;
      headers: string[];
      fields: { field: string; required: boolean; header: string | null }[];
    };
    return {
      remembered: answer.remembered,
      headers: answer.headers,
      chosen: Object.fromEntries(
        answer.fields.filter((f) => f.header !== null).map((f) => [f.field, f.header]),
      ),
      required: answer.fields.filter((f) => f.required).map((f) => f.field),
    };
  };

  const good = `Gil Agent;gil@agents.test;${'MANAGER'};`;
  const rows = (second: string) => [good.replace('MANAGER', managerName), second];

  it("reads the file's headers and proposes what the presets recognize", async () => {
    // Only the header row is sent; a later line cut in the middle does not matter.
    expect(await proposed(`${header}\nGil Agent;gil@ag`)).toEqual({
      remembered: false,
      headers: ['Agent Person', 'Mail', 'Reports Up To', 'Squad'],
      chosen: {},
      required: ['name'],
    });
    const known = await proposed('Agent,Email,Manager,Office\n');
    expect(known.chosen).toEqual({
      name: 'Agent',
      email: 'Email',
      manager: 'Manager',
      region: 'Office',
    });
  });

  it('proposes a "Role" column as the role or the team by its values, and says which', async () => {
    const noteOf = async (csv: string) => {
      const response = await columns(csv);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { notes: string[] }).notes;
    };
    // A sheet of reps and managers: the role (it used to be proposed as the team as well).
    const sheet = 'Name,Email,Role,Manager\nMo,mo@x.test,Manager,\nRo,ro@x.test,rep,Mo\n';
    expect((await proposed(sheet)).chosen).toEqual({
      name: 'Name',
      email: 'Email',
      role: 'Role',
      manager: 'Manager',
    });
    expect(await noteOf(sheet)).toEqual([
      'The column "Role" is read as the person\'s role: its values are roles (manager, rep). Choose it for Team if it holds team names.',
    ]);
    // The web sends the file's first 64 KiB: a last row cut short is not read as a value.
    expect(await noteOf(`${sheet}Xo,xo@x.test,Mana`)).toEqual(await noteOf(sheet));
    // A Salesforce user report: Role is the role hierarchy, the team.
    const report =
      'Full Name,Email,Role,Manager\nMo,mo@x.test,West Sales,\nRo,ro@x.test,West Sales,Mo\n';
    expect((await proposed(report)).chosen).toEqual({
      name: 'Full Name',
      email: 'Email',
      team: 'Role',
      manager: 'Manager',
    });
    expect(await noteOf(report)).toEqual([
      'The column "Role" is read as the team: its values are not roles ("West Sales"), as in a Salesforce user export, where the role names the team. Choose it for Role if it holds roles (admin, leader, manager, rep).',
    ]);
  });

  it('refuses a mapping that leaves a required field without a column, or names no such field', async () => {
    const unmapped = await upload(
      body(rows('Hal Agent;hal@agents.test;;')),
      { email: 'Mail' },
      true,
    );
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().issues).toContainEqual(
      expect.objectContaining({ line: 1, field: 'name' }),
    );
    const unknown = await upload(
      body(rows('Hal Agent;hal@agents.test;;')),
      { nom: 'Agent Person' },
      true,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toContainEqual(
      expect.objectContaining({ field: 'nom', value: 'Agent Person' }),
    );
    const notJson = await upload(body([]), '{name:', true);
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('VALIDATION_FAILED');
  });

  it('applies the mapping in the dry run: a row error by line and field, nothing remembered', async () => {
    const response = await upload(
      body(rows(`Hal Agent;not-an-email;${managerName};`)),
      mapping,
      true,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ line: 3, field: 'email', value: 'not-an-email' }),
    ]);
    expect((await proposed(`${header}\n`)).remembered).toBe(false);
  });

  it('previews the fixed file with the mapping, then remembers it for the next file', async () => {
    const fixed = body(rows(`Hal Agent;hal@agents.test;${managerName};`));
    const preview = await upload(fixed, mapping, true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ counts: { rows: 2, new: 2, changed: 0 } });
    expect(await proposed(`${header}\n`)).toEqual({
      remembered: true,
      headers: ['Agent Person', 'Mail', 'Reports Up To', 'Squad'],
      chosen: mapping,
      required: ['name'],
    });

    const done = await upload(fixed, mapping, false);
    expect(done.statusCode, done.body).toBe(200);
    // The manager by name runs Team 1 already: the new reps join it.
    const added = await world.db.query<{ name: string; team: string }>(
      `select p.name, t.name as team from person p
       join team_membership m on m.org_id = p.org_id and m.person_id = p.id and m.valid_to is null
       join team t on t.org_id = m.org_id and t.id = m.team_id
       where p.org_id = $1 and p.email like '%@agents.test' order by p.name`,
      [world.a.orgId],
    );
    expect(added).toEqual([
      { name: 'Gil Agent', team: 'Team 1' },
      { name: 'Hal Agent', team: 'Team 1' },
    ]);
  });

  it('remembers the mapping per organization: the other one is offered nothing', async () => {
    const other = await signIn(world.app, world.b.emails.admin);
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/imports/columns?kind=people',
      headers: { cookie: other, 'content-type': 'text/csv' },
      payload: `${header}\n`,
    });
    expect(response.json()).toMatchObject({ remembered: false });
  });
});

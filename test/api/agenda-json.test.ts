import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { prepareAgenda } from '../../src/agenda/prepare-agenda.js';
import { type Agenda, AgendaSchema } from '../../src/core/agenda-schema.js';
import type { Database } from '../../src/db/database.js';
import { createTestDb, testEngine } from '../../src/db/test-db.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { agendaSerializer } from '../../src/server/routes/agenda.js';

/*
 * The agenda endpoint writes its 200 answer with JSON.stringify instead of the zod schema's
 * encoding (src/server/routes/agenda.ts): that is only right while what the core builds is
 * already the schema's document. For every person of the demo, as of today and a past day,
 * with and without shared activity, the route's bytes are the same JSON value as the schema's
 * encoding (which validates it and strips any key the schema does not have).
 */
const now = new Date('2026-12-06T15:00:00Z');

describe(`the agenda's JSON is the schema's (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let people: string[];
  beforeAll(async () => {
    db = await createTestDb();
    orgId = (await seedDemo({ db, now })).orgId;
    people = (
      await db.query<{ id: string }>('select id from person where org_id = $1 order by name', [
        orgId,
      ])
    ).map((p) => p.id);
  }, 300_000);
  afterAll(async () => {
    await db.close();
  });

  const write = agendaSerializer({ httpStatus: '200' });
  const viaSchema = (agenda: Agenda) => JSON.stringify(AgendaSchema.encode(agenda));

  for (const asOf of ['2026-12-06', '2026-10-03']) {
    it(`every person, as of ${asOf}`, async () => {
      let compared = 0;
      for (const personId of people) {
        for (const activityShared of [false, true]) {
          const agenda = await prepareAgenda(db, { orgId, personId, now, asOf, activityShared });
          const written = write(agenda);
          expect(JSON.parse(written)).toEqual(JSON.parse(viaSchema(agenda)));
          compared += 1;
        }
      }
      expect(compared).toBe(people.length * 2);
      expect(people.length).toBeGreaterThan(5);
    });
  }

  it('sends any other answer through the schema: a key the schema lacks is dropped', () => {
    const schema = z.object({ title: z.string() });
    const problem = agendaSerializer({ httpStatus: '404', schema } as never);
    expect(JSON.parse(problem({ title: 'No such person.', secret: 'x' }))).toEqual({
      title: 'No such person.',
    });
  });
});

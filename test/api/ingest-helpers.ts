import type { PassThrough } from 'node:stream';
import type { World } from './world.js';

export const ndjson = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;

/** The import run a people ingest by org A's admin starts, to claim a key for by hand. */
export const peopleRunStart = (world: World) => ({
  orgId: world.a.orgId,
  kind: 'people' as const,
  fileName: null,
  actorId: world.a.people.admin,
  dryRun: false,
  now: world.clock.now(),
});

/** `POST /api/v1/ingest/people` with an API token and, optionally, an Idempotency-Key. */
export function ingestPeople(
  world: World,
  options: {
    token: string;
    body: string | PassThrough;
    key?: string | undefined;
    type?: string | undefined;
  },
) {
  return world.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/people',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': options.type ?? 'application/x-ndjson',
      ...(options.key === undefined ? {} : { 'idempotency-key': options.key }),
    },
    payload: options.body,
  });
}

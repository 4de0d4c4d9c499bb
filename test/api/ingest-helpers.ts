import type { PassThrough } from 'node:stream';
import type { World } from './world.js';

export const ndjson = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;

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

import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibility } from '../../src/server/access/visibility.js';
import { createWorld, type World } from './world.js';

describe('the OpenAPI document', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  it('is valid OpenAPI 3.1 by an independent validator', async () => {
    const response = await world.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every /api/v1 route of the visibility table, with its responses', async () => {
    const document = (await world.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const rule of visibility.filter((r) => r.url.startsWith('/api/v1'))) {
      const path = rule.url.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[rule.method.toLowerCase()];
      expect(operation, `${rule.method} ${path}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toContain('404');
    }
  });

  it('serves a readable page at /api/docs', async () => {
    const response = await world.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

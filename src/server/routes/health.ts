import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.literal('ready'),
  engine: z.enum(['pglite', 'postgres']),
});

/** `/healthz`: the process is up. `/readyz`: the database answers. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/readyz', { schema: { response: { 200: ReadySchema } } }, async () => {
    const { db } = app.deps;
    try {
      await db.query('select 1');
    } catch (error: unknown) {
      throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer.', { cause: error });
    }
    return { status: 'ready' as const, engine: db.engine };
  });
};

import { readFile } from 'node:fs/promises';
import Fastify from 'fastify';

/**
 * The ceiling the agenda endpoint is read against: a bare Fastify server (no plugins, no
 * session, no database) answering GET /agenda with an agenda serialised once beforehand, of
 * the same bytes the real endpoint sent. Run as its own process by measure-server.ts, as the
 * real server is: `node --import tsx bench/measure/static-agenda-server.ts` with BODY_FILE
 * and PORT; prints `ready` when it listens.
 */
const body = await readFile(process.env.BODY_FILE ?? '', 'utf8');
const app = Fastify({ logger: false });
app.get('/agenda', (_request, reply) => {
  reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.stdout.write('ready\n');
const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

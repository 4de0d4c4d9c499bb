import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WebAppOptions {
  /** The folder `vite build` wrote; defaults to `dist/web` at the package root. */
  root?: string;
}

// Both src/server/web-app.ts (tsx) and dist/server/web-app.js sit two levels below the root.
const defaultRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Serves the web application: files of the build as they are (hashed assets cached for a
 * year), and `index.html` for every other path outside `/api`, so that a deep link such as
 * `/people/…/one-on-one` opens the single-page app. One route, `GET /*`: the more specific
 * API routes win over it.
 */
export const webApp: FastifyPluginAsync<WebAppOptions> = async (app, options) => {
  const root = options.root ?? defaultRoot;
  const built = existsSync(join(root, 'index.html'));
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/') || !built) return reply.callNotFound();
    const file = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
    if (file !== '/' && isFile(join(root, file))) {
      const immutable = file.startsWith('/assets/');
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(file.slice(1));
    }
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

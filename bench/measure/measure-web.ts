import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type WebMeasure =
  | { measured: false; reason: string }
  | { measured: true; files: { file: string; gzipBytes: number }[]; gzipKb: number };

/** The JavaScript the first screen loads (index.html's scripts and module preloads), gzipped. */
export async function measureWeb(root: string): Promise<WebMeasure> {
  const dir = join(root, 'dist', 'web');
  const index = join(dir, 'index.html');
  if (!existsSync(index))
    return { measured: false, reason: 'not measured: no web app build (dist/web) yet' };
  const html = await readFile(index, 'utf8');
  const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  const files: { file: string; gzipBytes: number }[] = [];
  for (const source of new Set(sources)) {
    const path = join(dir, source.replace(/^\//, ''));
    if (!existsSync(path)) continue;
    files.push({ file: source, gzipBytes: gzipSync(await readFile(path), { level: 9 }).length });
  }
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { measured: true, files, gzipKb: Math.round((total / 1024) * 10) / 10 };
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatorVersion, type SizeName, type SizeSpec, sizeSpec } from '../spec.js';
import { generateActivities } from './generate-activities.js';
import { generateOpportunities } from './generate-opportunities.js';
import { generateOrg } from './generate-org.js';
import type { TableFile } from './table-file.js';

/** What was generated for one size, kept beside its CSV files. */
export interface GeneratedSize {
  spec: SizeSpec;
  /** Generator version and spec, hashed: a changed generator never reuses old files. */
  key: string;
  dir: string;
  csvDir: string;
  /** Tables in load order (parents first). */
  tables: TableFile[];
  importFile: TableFile;
  seconds: number;
  cached: boolean;
}

export function sizeKey(name: SizeName): string {
  const text = JSON.stringify({ generatorVersion, spec: sizeSpec(name) });
  return `${name}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/** Generates the CSV files of a size, or reuses them from the cache. */
export async function generateSize(cacheDir: string, name: SizeName): Promise<GeneratedSize> {
  const spec = sizeSpec(name);
  const key = sizeKey(name);
  const dir = join(cacheDir, key);
  const csvDir = join(dir, 'csv');
  const manifestPath = join(csvDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Omit<
      GeneratedSize,
      'cached'
    >;
    return { ...manifest, cached: true };
  }
  const started = performance.now();
  // Written aside, then renamed: an interrupted run never leaves a half-written cache.
  const partial = join(dir, 'csv.partial');
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const org = await generateOrg(partial, spec);
  const [opportunity, event, importFile] = await generateOpportunities(partial, spec);
  const activity = await generateActivities(partial, spec);
  if (!opportunity || !event || !importFile) throw new Error('opportunity files missing');
  const meeting = org.filter((t) => t.table === 'meeting');
  const tables = [
    ...org.filter((t) => t.table !== 'meeting'),
    opportunity,
    event,
    activity,
    ...meeting,
  ];
  const generated: Omit<GeneratedSize, 'cached'> = {
    spec,
    key,
    dir,
    csvDir,
    tables,
    importFile,
    seconds: (performance.now() - started) / 1000,
  };
  await writeFile(join(partial, 'manifest.json'), JSON.stringify(generated, null, 2));
  await rm(csvDir, { recursive: true, force: true });
  await rename(partial, csvDir);
  return { ...generated, cached: false };
}

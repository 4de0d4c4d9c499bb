import { readFileSync } from 'node:fs';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockedPackage>;
};
const oldestNode = minVersion(manifest.engines.node)?.version ?? 'none';

describe('the Node.js version Rudder promises', () => {
  it('is the one the README names', () => {
    const [major, minor] = oldestNode.split('.');
    expect(oldestNode).toBe('20.19.0');
    expect(readFileSync('README.md', 'utf8')).toContain(`Node.js ${major}.${minor} or later`);
  });

  it('is supported by every installed package that states an engine', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path.startsWith('node_modules/'))
      .flatMap(([path, locked]) => {
        const range = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
        if (!range || satisfies(oldestNode, range, { includePrerelease: true })) return [];
        return [`${path.slice('node_modules/'.length)}@${locked.version} needs node ${range}`];
      });
    expect(refusing).toEqual([]);
  });
});

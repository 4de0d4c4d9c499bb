import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./static-agenda-server.ts', import.meta.url));

/** The bare Fastify server of static-agenda-server.ts, serving `body`, until `stop`. */
export async function startStaticAgenda(
  body: string,
  port: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rudder-ceiling-'));
  const bodyFile = join(dir, 'agenda.json');
  await writeFile(bodyFile, body);
  const env: NodeJS.ProcessEnv = { ...process.env, BODY_FILE: bodyFile, PORT: String(port) };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    void exited.then(() => reject(new Error(`static agenda server exited:\n${output}`)));
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

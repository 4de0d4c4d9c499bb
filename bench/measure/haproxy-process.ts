import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's HAProxy (package haproxy); HAPROXY_BIN overrides. */
const haproxyBin = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

export interface Haproxy {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of `servers`, roundrobin, each checked on GET /readyz every 500 ms
 * (down after 2 failures, up after 1 success); every answer names its server in
 * `X-Served-By`. The configuration is written to a temporary folder, removed at stop.
 */
export async function startHaproxy(options: {
  port: number;
  servers: Array<{ name: string; port: number }>;
}): Promise<Haproxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rudder-haproxy-'));
  const config = [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A connection refused (a dead server) is tried on another server; a request a server
    // took and never answered is not (it may have written): that 502 is the client's to retry.
    '  retries 2',
    '  option redispatch 1',
    'frontend front',
    `  bind 127.0.0.1:${options.port}`,
    '  default_backend rudder',
    'backend rudder',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    '  default-server inter 500ms fall 2 rise 1',
    '  http-response set-header X-Served-By %[srv_name]',
    ...options.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  // -db: in the foreground, so that it stops with a signal to this child.
  const child = spawn(haproxyBin, ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (error) => {
    output += String(error);
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

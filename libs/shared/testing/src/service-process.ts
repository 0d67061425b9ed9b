import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  name: string;
  url: string;
  /** Every complete line the process wrote to stdout and stderr, in arrival order. */
  logs: string[];
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<ProcessEnd>;
  /** Sends SIGKILL, a crash: no shutdown hook runs, the group is not left, connections just drop. Resolves once it has ended. */
  kill(): Promise<ProcessEnd>;
}

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Starts a built service (dist/apps/<name>/main.js) as its own process and waits until it answers /health. */
export async function startServiceProcess(name: string, port: number, env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const main = join(REPO_ROOT, 'dist', 'apps', name, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the service first (nx run ${name}:build)`);
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  // A chunk of a pipe may end inside a line: each stream keeps its unfinished line until the rest arrives.
  const collector = () => {
    let pending = '';
    return (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      logs.push(...lines.filter(Boolean));
    };
  };
  child.stdout?.on('data', collector());
  child.stderr?.on('data', collector());
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<ProcessEnd>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting:\n${logs.join('\n')}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /health within ${timeoutMs} ms:\n${logs.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, url, logs, stop: () => stopChild(child, exited), kill: () => killChild(child, exited) };
}

async function killChild(child: ChildProcess, exited: Promise<ProcessEnd>): Promise<ProcessEnd> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  child.kill('SIGKILL');
  return exited;
}

async function stopChild(child: ChildProcess, exited: Promise<ProcessEnd>): Promise<ProcessEnd> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const end = await exited;
  clearTimeout(timer);
  return end;
}

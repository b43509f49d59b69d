import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';

/** The built CLI: `npm test` builds before it runs the tests. */
export const CLI = fileURLToPath(new URL('../../dist/bin/orchestra.cjs', import.meta.url));

function requireBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
}

/** Runs the CLI to completion. */
export function cli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { code: number | null; stdout: string; stderr: string } {
  requireBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A CLI run in the background whose `--json` events can be awaited. */
export class LiveCli {
  readonly child: ChildProcess;
  readonly events: EngineEvent[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  #buffer = '';
  #waiters: (() => void)[] = [];

  constructor(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
    requireBuilt();
    this.child = spawn(process.execPath, [CLI, ...args, '--json'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.#buffer += chunk;
      const lines = this.#buffer.split('\n');
      this.#buffer = lines.pop()!;
      for (const l of lines) if (l.trim()) this.events.push(JSON.parse(l) as EngineEvent);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (c: string) => (this.stderr += c));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
    );
  }

  /** Resolves with the first event matching, failing after `ms`. */
  async waitFor<T extends EngineEvent>(match: (e: EngineEvent) => e is T, ms?: number): Promise<T>;
  async waitFor(match: (e: EngineEvent) => boolean, ms?: number): Promise<EngineEvent>;
  async waitFor(match: (e: EngineEvent) => boolean, ms = 60_000): Promise<EngineEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(
          `event not seen; got ${this.events.map((e) => e.type).join(', ')}; stderr: ${this.stderr}`,
        );
      }
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
}

/** The run id of a `--json` run: its first event is `run-started`. */
export function runIdOf(stdout: string): string {
  return (JSON.parse(stdout.split('\n')[0]!) as Extract<EngineEvent, { type: 'run-started' }>).runId;
}

/** The `run.json` of a run of the repository at `repo`. */
export function readRunRecord(repo: string, runId: string): RunRecord {
  return JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;
}

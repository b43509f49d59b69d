/**
 * Shared pieces of the end-to-end agent tests: orchestra workflows whose agent is the real `claude` or
 * `codex` CLI (devDependencies), talking to a scripted model server on 127.0.0.1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { answer } from '../support/model-script.js';
import type { ModelRequest, ModelScript, ScriptFn } from '../support/model-script.js';
import type { ModelServer } from '../support/model-server.js';
import { CLI } from '../support/cli.js';
import type { LiveCli } from '../support/cli.js';
import type { RunFixture } from '../support/run-fixture.js';
import { detectIsolation } from '../../src/isolation/detect.js';
import { networkGateProblem } from '../../src/isolation/network-gate.js';

/** Where the real CLIs are installed. Put first on the agent's PATH so the adapters' `claude`/`codex` resolve. */
export const BIN = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));

/** Fails loudly (instead of skipping) when the devDependencies are not installed. */
export function requireCli(name: 'claude' | 'codex'): void {
  if (!existsSync(join(BIN, name))) {
    throw new Error(`${join(BIN, name)} is missing: run "npm ci" (the agent CLIs are devDependencies)`);
  }
}

/**
 * One script per agent run: the n-th conversation the server sees follows `scripts[n]`. Each run
 * of an agent CLI is a new conversation (a new session id), so this scripts "first run rate limited,
 * second run overloaded, third run works" across orchestra's waits.
 */
export function perRun(...scripts: ModelScript[]): ScriptFn {
  const chosen = new Map<string, ModelScript>();
  return (request) => {
    let script = chosen.get(request.conversationId);
    if (script === undefined) {
      script = scripts[chosen.size] ?? scripts.at(-1)!;
      chosen.set(request.conversationId, script);
    }
    return answer(script, request).turn;
  };
}

/** The model requests whose user text contains `marker`, oldest first. */
export function requestsWith(server: ModelServer, marker: string): ModelRequest[] {
  return server.requests.filter((r) => r.userTexts.some((t) => t.includes(marker)));
}

/** The conversation ids (agent session ids) of the model requests, in order of first appearance. */
export function conversations(requests: readonly ModelRequest[]): string[] {
  return [...new Set(requests.map((r) => r.conversationId))];
}

/** The scripted server answered everything, and nothing tried to leave the machine through it. */
export function expectCleanServer(server: ModelServer): void {
  expect(server.problems).toEqual([]);
  const escapes = server.otherRequests.filter((r) => r.method === 'CONNECT' || !r.path.startsWith('/'));
  expect(escapes).toEqual([]);
}

/**
 * A workflow header: sandboxes inside the fixture, removed after the run, and the built-in agent
 * `agent` started with `env` (the scripted server's environment, with the real CLI first on PATH); the
 * network of a jailed task reaches only the server at `serverUrl`.
 */
export function header(agent: 'claude' | 'codex', env: Record<string, string>, serverUrl: string): string {
  const agentEnv = { ...env, PATH: `${BIN}:${env.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}` };
  return `version: 1
sandbox:
  dir: SANDBOX_DIR
  keep: never
  # The real CLI runs jailed wherever bubblewrap works (isolation: auto); the scripted server on
  # loopback is reachable because it is listed, and nothing else is.
  network: ["${new URL(serverUrl).host}"]
agents:
  ${agent}:
    env: ${JSON.stringify(agentEnv)}
`;
}

/** A temp HOME for an agent CLI, inside the fixture (removed with it). */
export function agentHome(fx: RunFixture): string {
  const home = join(fx.root, 'home');
  mkdirSync(home, { recursive: true });
  return home;
}

/** The run record orchestra wrote for the latest run in the fixture's repository (ids sort by time). */
export function latestRunRecord(fx: RunFixture): RunRecord {
  const runs = join(fx.repo, '.orchestra', 'runs');
  const id = readdirSync(runs).sort().at(-1);
  if (id === undefined) throw new Error(`no run in ${runs}`);
  return JSON.parse(readFileSync(join(runs, id, 'run.json'), 'utf8')) as RunRecord;
}

/** Events of one type, narrowed. */
export function eventsOf<T extends EngineEvent['type']>(
  events: readonly EngineEvent[],
  type: T,
): Extract<EngineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}

/**
 * Runs the built CLI without blocking this process (unlike `cli()`, whose spawnSync would stall the
 * scripted model server living in the test's own event loop).
 */
export async function cliAsync(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const r = await execa(process.execPath, [CLI, ...args], {
    cwd,
    env: { NO_COLOR: '1', ...env },
    stdin: 'ignore',
    reject: false,
    timeout: 60_000,
  });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** Kills a CLI run a failed test left behind: SIGTERM, so that orchestra stops its agents as on Ctrl-C. */
export function stop(live: LiveCli | undefined): void {
  if (live?.child.exitCode === null && live.child.pid !== undefined) live.child.kill('SIGTERM');
}

/**
 * The isolation `auto` gives a task whose network is a listed loopback server: `os` where bubblewrap
 * works and socat can relay the listed port, else `none` (as `planIsolation` decides).
 */
export async function autoIsolation(): Promise<'os' | 'none'> {
  return (await detectIsolation()).ok && networkGateProblem(['127.0.0.1:1']) === undefined ? 'os' : 'none';
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import type { RunOptions, RunResult } from '../../src/engine/run-workflow.js';
import { runWorkflow } from '../../src/engine/run-workflow.js';
import type { EngineEvent } from '../../src/events/engine-event.js';

export const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted-agent.mjs', import.meta.url));

/** One scripted step of an agent attempt; see test/fixtures/agents/scripted-agent.mjs. */
export interface Step {
  write?: Record<string, string>;
  delete?: string[];
  sleepMs?: number;
  exit?: number;
  killSelf?: string;
  grandchild?: boolean;
  say?: string;
  commit?: string;
  waitFor?: string;
  /** Appended to `$ORCHESTRA_OUTPUT`. */
  output?: string;
  /** Ends the output with a Claude Code `result` line reporting this usage. */
  report?: { costUsd?: number; inputTokens?: number; outputTokens?: number; rateLimited?: boolean };
  /** Waits until `count` agents have reached the same `dir` (see the scripted agent). */
  meet?: { dir: string; count: number };
}

export interface Invocation {
  task: string;
  attempt: number;
  prompt: string;
  pid: number;
  start: number;
  end?: number;
  grandchild?: number;
  /** Whether every agent of a `meet` step got there while this one waited. */
  met?: boolean;
  env: { port?: string; sandbox?: string; run?: string };
}

/** A temp git repository with one commit, a scripted agent, and helpers to run workflows in it. */
export class RunFixture {
  readonly root = mkdtempSync(join(tmpdir(), 'orchestra-test-'));
  readonly repo: string;
  readonly sandboxes = join(this.root, 'sandboxes');
  readonly log = join(this.root, 'invocations.ndjson');
  readonly script = join(this.root, 'script.json');

  /** @param repoName the repository's folder name (tests of unusual paths give spaces, non-ASCII) */
  constructor(files: Record<string, string> = { 'README.md': '# test\n' }, repoName = 'repo') {
    this.repo = join(this.root, repoName);
    mkdirSync(this.repo);
    this.git('init', '-q', '-b', 'main');
    this.writeFiles(files);
    this.git('add', '-A');
    this.git('commit', '-qm', 'initial');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], {
      cwd: this.repo,
      encoding: 'utf8',
    }).trim();
  }

  writeFiles(files: Record<string, string>, base = this.repo): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), content);
    }
  }

  /** Writes the agent script and the workflow (`AGENT_COMMAND` and `SANDBOX_DIR` are filled in). */
  setup(workflowYaml: string, tasks: Record<string, Step[]> = {}): string {
    writeFileSync(this.script, JSON.stringify({ log: this.log, tasks }));
    const command = JSON.stringify([process.execPath, AGENT, this.script, '${{ prompt }}']);
    const file = join(this.root, 'orchestra.yaml');
    writeFileSync(
      file,
      workflowYaml
        .replaceAll('AGENT_COMMAND', command)
        .replace('SANDBOX_DIR', JSON.stringify(this.sandboxes)),
    );
    return file;
  }

  async run(
    workflowYaml: string,
    tasks: Record<string, Step[]> = {},
    opts: RunOptions = {},
  ): Promise<{ result: RunResult; events: EngineEvent[] }> {
    const file = this.setup(workflowYaml, tasks);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.diagnostics, null, 2));
    const events: EngineEvent[] = [];
    const result = await runWorkflow(loaded.value, {
      cwd: this.repo,
      ...opts,
      onEvent: (e) => {
        events.push(e);
        opts.onEvent?.(e);
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error, null, 2));
    return { result: result.value, events };
  }

  invocations(): Invocation[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Invocation);
  }

  /** The largest number of agent invocations whose [start, end] intervals overlap. */
  peakConcurrency(filter: (i: Invocation) => boolean = () => true): number {
    const edges = this.invocations()
      .filter((i) => i.end !== undefined && filter(i))
      .flatMap((i): [number, number][] => [
        [i.start, 1],
        [i.end!, -1],
      ])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let peak = 0;
    for (const [, d] of edges) peak = Math.max(peak, (now += d));
    return peak;
  }

  /** File content at a commit or branch. */
  show(ref: string, path: string): string {
    return this.git('show', `${ref}:${path}`);
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The standard header of test workflows: a scripted agent, sandboxes inside the fixture. */
export const HEADER = `version: 1
sandbox:
  dir: SANDBOX_DIR
  keep: never
  isolation: none
agents:
  bot:
    command: AGENT_COMMAND
`;

/** Whether a process exists and is not a zombie (in a container nobody may reap orphans). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every worktree of the fixture's repository except the user's own checkout. */
export const extraWorktrees = (f: RunFixture): string[] =>
  f
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .slice(1);

import { homedir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Where a run's files live. Paths stored in records are relative to `dir`. */
export class RunPaths {
  constructor(readonly dir: string) {}

  get state(): string {
    return join(this.dir, 'run.json');
  }

  /** The resolved workflow the run was started with (for rerun's staleness check). */
  get workflow(): string {
    return join(this.dir, 'workflow.json');
  }

  get lock(): string {
    return join(this.dir, 'lock');
  }

  attemptLog(task: string, attempt: number): string {
    return `logs/${task}/attempt-${attempt}.log`;
  }

  /** What the attempt was told: the agent's prompt, or the command of a `run:` task. */
  attemptPrompt(task: string, attempt: number): string {
    return `logs/${task}/attempt-${attempt}.prompt.md`;
  }

  /** The attempt's `ORCHESTRA_OUTPUT`: in the run folder, so nothing written to it is committed. */
  outputFile(task: string, attempt: number): string {
    return `logs/${task}/attempt-${attempt}.outputs`;
  }

  /** A gate's log; a rerun of a flaky gate (`run` 2 on) has its own. */
  gateLog(task: string | null, attempt: number, gate: string, run = 1): string {
    const again = run > 1 ? `.run-${run}` : '';
    return task === null
      ? `logs/_integration/${gate}${again}.log`
      : `logs/${task}/attempt-${attempt}.gate-${gate}${again}.log`;
  }

  /** The process group of the task's latest process, written as it starts (see recordProcessGroup). */
  processGroup(task: string): string {
    return `logs/${task}/process-group`;
  }

  setupLog(task: string): string {
    return `logs/${task}/setup.log`;
  }

  abs(relative: string): string {
    return join(this.dir, relative);
  }

  /** Where the repository guard keeps the config and hooks it put back in the repository `repo`. */
  repoChanges(repo: string): string {
    return join(this.dir, 'repo-changes', repo);
  }
}

/** `.orchestra/runs` of a repository: ignored through `.git/info/exclude`, never committed. */
export function runsDir(repoRoot: string): string {
  return join(repoRoot, '.orchestra', 'runs');
}

/**
 * Default parent of sandboxes: the user cache dir, outside the working tree, so the project's own
 * tools (test runners, watchers, linters) never crawl into them.
 */
export function defaultSandboxRoot(repoRoot: string): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const repoKey = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  return join(cache, 'orchestra', 'sandboxes', repoKey);
}

/**
 * Whether `id` can name a run: one plain folder name, so that no id given on the command line
 * (`--run ../..`) can reach outside `.orchestra/runs` or a sandbox root.
 */
export function isRunId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id);
}

/** Sortable, readable, unique enough for concurrent runs: `20261126-071502-3f9a`. */
export function newRunId(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${stamp}-${Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0')}`;
}

/** The start of the second a run id of `newRunId`'s form names (UTC), or undefined for another id. */
export function runIdSecond(id: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)-/.exec(id);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

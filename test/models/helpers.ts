/** Temp repos, temp homes and JSON-lines parsing for the fake-model tests. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** The real agent CLIs installed as dev dependencies. */
export const CLAUDE_BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');
export const CODEX_BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'codex');

/** A temp folder, removed by `dispose`. */
export interface TempDirs {
  make(prefix: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * A scratch root outside the system temp folder: Codex's own `workspace-write` sandbox, when
 * bubblewrap is installed, refuses to run from one ("Refusing to create helper binaries under
 * temporary dir /tmp") and the agent then cannot write.
 */
export const OUTSIDE_SYSTEM_TEMP = join(
  process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'),
  'orchestra-tests',
);

/** Collects temp folders (under `root`, the system temp folder by default) so an afterEach can remove them all. */
export function tempDirs(root: string = tmpdir()): TempDirs {
  const made: string[] = [];
  return {
    async make(prefix) {
      await mkdir(root, { recursive: true });
      const dir = await mkdtemp(join(root, `orchestra-${prefix}-`));
      made.push(dir);
      return dir;
    },
    async dispose() {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** Makes a git repo with one commit holding `files`. */
export async function makeRepo(
  dirs: TempDirs,
  files: Readonly<Record<string, string>> = {},
): Promise<string> {
  const repo = await dirs.make('repo');
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  git('init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), content);
  }
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'initial');
  return repo;
}

/** How a CLI run ended. */
export interface CliRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a CLI with exactly `env` (nothing inherited), no stdin, and a kill deadline. */
export async function runCli(
  bin: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly env: Readonly<Record<string, string>>;
    readonly timeoutMs?: number;
  },
): Promise<CliRun> {
  const result = await execa(bin, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    // Both CLIs read piped stdin as extra prompt text; an open pipe would make them wait for EOF.
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? 30_000,
  });
  return {
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: result.timedOut,
  };
}

/** One parsed JSON line of a CLI's output. */
export type JsonLine = Readonly<Record<string, unknown>>;

/** Parses every JSON object line of `stdout`, skipping anything else. */
export function jsonLines(stdout: string): JsonLine[] {
  return stdout.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as JsonLine];
    } catch {
      return [];
    }
  });
}

/** Polls `condition` until it holds; throws after `timeoutMs` (a deadline, never an ordering tool). */
export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

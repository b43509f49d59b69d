// Scratch git repositories for the benchmarks, and running the built CLI in them.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

/** The built CLI (`npm run bench` builds first). */
export const CLI = fileURLToPath(new URL('../dist/bin/orchestra.cjs', import.meta.url));

/** Environment for every git and orchestra process of the benchmarks: no user config, an identity. */
export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@localhost',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@localhost',
};

/** Runs a program to completion; throws on a non-zero exit. Returns stdout. */
export function sh(command, args, { cwd, env = GIT_ENV, input } = {}) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${(r.stderr ?? '').slice(0, 4000)}`);
  }
  return r.stdout;
}

export const git = (cwd, ...args) => sh('git', args, { cwd });

/** A new folder under the system temp folder; remove it with `rmSync(dir, { recursive: true })`. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `orchestra-bench-${prefix}-`));
}

/**
 * A fresh repository at `dir` with `files` (relative path → text) committed on `main`, and the user
 * identity set so every git command works without a global config.
 */
export function makeRepo(dir, files) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'bench');
  git(dir, 'config', 'user.email', 'bench@localhost');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** Deletes every branch under `prefix` (e.g. `orchestra/`) in one git process. */
export function deleteBranches(repo, prefix) {
  const refs = git(repo, 'for-each-ref', '--format=delete %(refname)', `refs/heads/${prefix}`);
  if (refs.trim() !== '') sh('git', ['update-ref', '--stdin'], { cwd: repo, input: refs });
}

/**
 * Runs `orchestra run --json` in `repo`, events to a file (not a pipe, so a slow reader cannot slow
 * orchestra down); returns the wall time and the parsed events. Throws unless the run succeeded.
 * `env` replaces the environment, `cli` the built CLI (to measure another build); `installed` execs
 * the CLI file itself rather than `node <file>`.
 */
export function runOrchestra(
  repo,
  {
    args = [],
    eventsFile = join(repo, '..', 'events.ndjson'),
    env = GIT_ENV,
    cli = CLI,
    installed = false,
  } = {},
) {
  const out = openSync(eventsFile, 'w');
  const start = process.hrtime.bigint();
  // `installed`: exec the file itself, as the `orchestra` command on PATH runs (its shebang's flags).
  const [command, ...argv] = installed ? [cli] : [process.execPath, cli];
  const r = spawnSync(command, [...argv, 'run', '--json', ...args], {
    cwd: repo,
    env: { ...env, CI: '1', NO_COLOR: '1' },
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  if (r.error) throw r.error;
  const events = readFileSync(eventsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  if (r.status !== 0) {
    const failures = events
      .filter((e) => e.failure)
      .map((e) => `${e.task ?? 'integration'}: ${e.failure.message}`)
      .slice(0, 5);
    throw new Error(
      `orchestra run exited ${r.status}:\n${[...failures, r.stderr.slice(0, 4000)].join('\n')}`,
    );
  }
  return { wallMs, events };
}

/** Removes a folder and everything in it. */
export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

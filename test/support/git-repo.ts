import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, readlink, realpath, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A temporary git repository for a test. */
export interface TestRepo {
  /** Real absolute path of the repository's top level. */
  path: string;
  /** Deletes the repository and every folder made with `tempDir`. */
  cleanup(): Promise<void>;
  /** Makes another temporary folder (for sandboxes) that `cleanup` removes too. */
  tempDir(): Promise<string>;
}

/** Runs git in `cwd` and returns its stdout; throws with git's stderr when it fails. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Makes a repository on branch `main` with one commit (README.md), its own user name and email,
 * so tests do not depend on the machine's git configuration.
 */
export async function makeRepo(): Promise<TestRepo> {
  const temps: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'orchestra-test-')));
    temps.push(dir);
    return dir;
  };
  const path = await tempDir();
  git(path, 'init', '--quiet', '--initial-branch=main');
  git(path, 'config', 'user.name', 'Test User');
  git(path, 'config', 'user.email', 'test@example.com');
  await writeFile(join(path, 'README.md'), '# test\n');
  git(path, 'add', 'README.md');
  git(path, 'commit', '--quiet', '-m', 'initial');
  return {
    path,
    tempDir,
    cleanup: async () => {
      await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** A new repository (see makeRepo) for each test of the file, with its first commit's sha. */
export function repoPerTest(): { readonly repo: TestRepo; readonly base: string } {
  const current = {} as { repo: TestRepo; base: string };
  beforeEach(async () => {
    current.repo = await makeRepo();
    current.base = git(current.repo.path, 'rev-parse', 'HEAD').trim();
  });
  afterEach(() => current.repo.cleanup());
  return current;
}

/** The files in the tree of `commit`, sorted. */
export function trackedFiles(dir: string, commit: string): string[] {
  return git(dir, 'ls-tree', '-r', '--name-only', commit).split('\n').filter(Boolean).sort();
}

/**
 * Writes `files` (path relative to `dir` -> content) and commits everything in the work tree with
 * `message`, as an agent running `git add -A && git commit` would (with an identity of its own, so it
 * also works in clones, which do not inherit the repository's).
 */
export async function commitFiles(
  dir: string,
  files: Record<string, string>,
  message: string,
): Promise<string> {
  await writeFiles(dir, files);
  git(dir, 'add', '--all');
  git(dir, '-c', 'user.name=Agent', '-c', 'user.email=agent@example.com', 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** Writes `files` (path relative to `dir` -> content), creating folders as needed. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
}

/**
 * A fingerprint of everything a user could see of their checkout: HEAD, the current branch, the
 * index, `git status`, and the bytes of every file outside `.git`. Equal fingerprints before and
 * after an operation prove it left the checkout alone.
 */
export async function checkoutFingerprint(repo: string): Promise<string> {
  const hash = createHash('sha256');
  for (const args of [
    ['rev-parse', 'HEAD'],
    ['rev-parse', '--symbolic-full-name', 'HEAD'],
    ['ls-files', '--stage'],
    ['status', '--porcelain=v2', '--branch', '--untracked-files=all', '--ignored'],
  ]) {
    hash.update(git(repo, ...args));
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.name === '.git' && dir === repo) continue;
      hash.update(`${full}\0`);
      if (entry.isSymbolicLink()) hash.update(await readlink(full));
      else if (entry.isDirectory()) await walk(full);
      else hash.update(await readFile(full));
    }
  };
  await walk(repo);
  return hash.digest('hex');
}

import { lstat, readFile, realpath, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gitDirsOf, namedGitDir } from '../git/git-dirs.js';
import { Git } from '../git/git.js';
import { err, ok, type Result } from '../util/result.js';
import type { SandboxError } from './sandbox.js';

/**
 * Git for a sandbox, pinned to the sandbox's own git folder: every command orchestra runs there uses
 * it explicitly (`GIT_DIR`, `GIT_WORK_TREE`), so a task that deleted or replaced its `.git` cannot make
 * orchestra commit in whatever repository encloses the sandbox (the user's, with `sandbox.dir` inside
 * it; a `$HOME` kept in git). The `.git` must still be the one orchestra made: for a worktree, a file
 * naming a worktree folder of the user's repository that names this sandbox back; for a clone, a
 * folder borrowing the user's objects. Anything else is an error saying what the task did.
 */
export async function sandboxGit(
  type: 'worktree' | 'clone',
  repoRoot: string,
  path: string,
): Promise<Result<Git, SandboxError>> {
  const gitDir = await sandboxGitDir(type, repoRoot, path);
  return gitDir.ok ? ok(new Git(path, { gitDir: gitDir.value })) : gitDir;
}

/** The sandbox's own git folder, checked as `sandboxGit` says. */
export async function sandboxGitDir(
  type: 'worktree' | 'clone',
  repoRoot: string,
  path: string,
): Promise<Result<string, SandboxError>> {
  const dotGit = join(path, '.git');
  const info = await lstat(dotGit).catch(() => undefined);
  if (!info) {
    if (!(await lstat(path).catch(() => undefined))) {
      return damaged(`cannot run git in ${path}: the folder does not exist (any more)`);
    }
    return damaged(`the task deleted its sandbox's .git (${dotGit}), so its work cannot be committed`);
  }
  const common = await commonDir(repoRoot);
  const gitDir =
    type === 'worktree'
      ? info.isFile() && (await worktreeGitDir(path, common))
      : info.isDirectory() && (await borrowsObjects(dotGit, common)) && dotGit;
  if (!gitDir) {
    return damaged(
      `the task replaced its sandbox's .git (${dotGit}): it is no longer the ${type} orchestra made, so its work cannot be committed`,
    );
  }
  return ok(gitDir);
}

/**
 * Removes what `git worktree add` copies from the user's current worktree into the new one's git
 * folder: its sparse-checkout patterns and per-worktree config. A sandbox is a full checkout with the
 * repository's settings, and a worktree holding either is never reused (see worktree-pool.ts).
 */
export async function dropInheritedSettings(path: string): Promise<void> {
  const gitDir = namedGitDir(path, await readFile(join(path, '.git'), 'utf8'));
  if (gitDir === undefined) return;
  await rm(join(gitDir, 'info', 'sparse-checkout'), { force: true });
  await rm(join(gitDir, 'config.worktree'), { force: true });
}

/** The worktree's own git folder, if the `.git` file at `path` names one of `common` that names `path` back. */
async function worktreeGitDir(path: string, common: string): Promise<string | undefined> {
  const gitDir = namedGitDir(path, await readFile(join(path, '.git'), 'utf8').catch(() => ''));
  if (gitDir === undefined || dirname(gitDir) !== join(common, 'worktrees')) return undefined;
  const back = await readFile(join(gitDir, 'gitdir'), 'utf8').catch(() => '');
  return back.trim() === join(path, '.git') ? gitDir : undefined;
}

/** Whether the clone's git folder still takes its objects from the user's repository (`clone --shared`). */
async function borrowsObjects(dotGit: string, common: string): Promise<boolean> {
  const alternates = await readFile(join(dotGit, 'objects', 'info', 'alternates'), 'utf8').catch(() => '');
  return alternates.split('\n').some((line) => resolve(line.trim()) === join(common, 'objects'));
}

function damaged(message: string): Result<never, SandboxError> {
  return err({ reason: 'git-missing', message });
}

/** Asked once per repository: every task of a run commits in the same one. */
const commonDirs = new Map<string, Promise<string>>();

function commonDir(repoRoot: string): Promise<string> {
  let dir = commonDirs.get(repoRoot);
  if (dir === undefined) {
    // Real, as git writes it into a worktree's `.git` file.
    dir = readCommonDir(repoRoot)
      .catch(() => new Git(repoRoot).commonDir())
      .then((common) => realpath(common));
    commonDirs.set(repoRoot, dir);
    dir.catch(() => commonDirs.delete(repoRoot));
  }
  return dir;
}

/** The common git folder from the files git keeps for it (see git-dirs.ts). */
async function readCommonDir(repoRoot: string): Promise<string> {
  const dirs = await gitDirsOf(repoRoot);
  if (dirs === undefined) throw new Error(`${join(repoRoot, '.git')} names no git folder`);
  return dirs.commonDir;
}

import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Git } from '../git/git.js';
import { removeTree } from './remove-tree.js';
import { sandboxGitDir } from './sandbox-git.js';

/**
 * What an agent can leave in a worktree's git folder that a fresh worktree would not have: an operation
 * in progress or a setting of that worktree alone. A worktree holding any of these is not reused.
 */
const NOT_FRESH = [
  'MERGE_HEAD',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'rebase-merge',
  'rebase-apply',
  'BISECT_LOG',
  'sequencer',
  'config.worktree',
  'info/sparse-checkout',
  'locked',
];

/**
 * Worktrees of finished tasks, kept for the next tasks of the same run. Making a worktree writes every
 * file of the commit and removing it deletes every one, which on a big repository is most of a
 * sandbox's cost; a kept worktree becomes a new task's sandbox by checking out the new start commit,
 * which writes only the files that differ.
 *
 * A worktree given back stays where it is, untouched, until it is taken: then it is moved to the new
 * sandbox's path, switched to the new branch with local changes thrown away (`checkout --force`), and
 * its untracked and ignored files deleted (`clean -ffdx`), which leaves exactly the checkout a new
 * worktree would have. One whose git folder shows an operation in progress or settings of its own is
 * removed instead. Spares live in the run's sandbox folder, where `orchestra clean` finds what a
 * killed run left.
 */
export class WorktreePool {
  readonly #repo: Git;
  readonly #spares: string[] = [];

  /** @param capacity the most spares kept: more than the tasks that can run at once are never needed */
  constructor(
    readonly repoRoot: string,
    readonly capacity: number,
  ) {
    this.#repo = new Git(repoRoot);
  }

  /** How many worktrees wait to be reused. */
  get spares(): number {
    return this.#spares.length;
  }

  /**
   * Moves a spare worktree to `path` (absent, or an empty folder) and makes it a fresh checkout of new
   * branch `branch` at `commit`. False when there is no spare or it could not be reused; `path` is
   * then absent and the branch not made.
   */
  async take(path: string, branch: string, commit: string): Promise<boolean> {
    const spare = this.#spares.pop();
    if (spare === undefined) return false;
    try {
      // Into an existing folder, even an empty one, `worktree move` would move the worktree inside it.
      await rmdir(path).catch(() => undefined);
      await this.#repo.moveWorktree(spare, path);
    } catch {
      await discard(this.#repo, spare);
      return false;
    }
    try {
      // The task that had it may have replaced its `.git`: git must not follow that anywhere.
      const gitDir = await sandboxGitDir('worktree', this.repoRoot, path);
      if (gitDir.ok) {
        const git = new Git(path, { gitDir: gitDir.value });
        await git.switchToNewBranch(branch, commit);
        await git.clean();
        if (isFresh(gitDir.value)) return true;
      }
    } catch {
      // Removed below.
    }
    await discard(this.#repo, path);
    if (await this.#repo.branchExists(branch)) await this.#repo.deleteBranch(branch);
    return false;
  }

  /**
   * Takes back the worktree at `path`, whose task is done with it, as a spare (or removes it when
   * enough are spare). Its branch is left as it is. Never throws.
   */
  async give(path: string): Promise<void> {
    if (this.#spares.length >= this.capacity || !existsSync(join(path, '.git'))) {
      return discard(this.#repo, path);
    }
    this.#spares.push(path);
  }

  /** Removes every spare. */
  async drain(): Promise<void> {
    for (const spare of this.#spares.splice(0)) await discard(this.#repo, spare);
  }
}

/** Whether the worktree's own git folder holds nothing a new worktree would not. */
function isFresh(gitDir: string): boolean {
  return NOT_FRESH.every((entry) => !existsSync(join(gitDir, entry)));
}

/**
 * Removes the worktree at `path`: its registration and its folder, also when it has changes or someone
 * deleted the folder already. Throws only if the worktree is still registered afterwards.
 */
export async function removeWorktree(repo: Git, path: string): Promise<void> {
  const registered = async () => (await repo.listWorktrees()).some((worktree) => worktree.path === path);
  try {
    // This also drops the registration of a folder someone already deleted.
    await repo.removeWorktree(path);
  } catch (error) {
    // It fails too for a path that is no worktree (any more), which is what was wanted.
    if (await registered()) {
      // Git also refuses a worktree whose `.git` file is gone (a task deleted it): then the folder goes
      // first, and with it gone, so does the registration.
      await removeTree(path);
      await repo.pruneWorktrees();
      if (await registered()) throw error;
    }
  }
  await removeTree(path);
}

/** Removes a worktree of the pool as well as can be: what is left is found by `orchestra clean`. */
function discard(repo: Git, path: string): Promise<void> {
  return removeWorktree(repo, path).catch(() => undefined);
}

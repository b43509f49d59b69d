import { rm } from 'node:fs/promises';
import { Git } from '../git/git.js';
import { guard, type SandboxProvider, type SandboxSpec } from './sandbox.js';

/** A git worktree of the user's repository: cheap, and its branch is in the repository at once. */
export const worktreeProvider: SandboxProvider = {
  create: (spec, path) =>
    guard('git-failed', () => new Git(spec.repoRoot).addWorktree(path, spec.branch, spec.baseCommit)),

  commit: commitWorkTree,

  publish: async () => {},

  async remove(spec, path) {
    const repo = new Git(spec.repoRoot);
    // `worktree remove` also drops the registration of a folder someone already deleted.
    const registered = (await repo.listWorktrees()).some((worktree) => worktree.path === path);
    if (registered) await repo.removeWorktree(path);
    await rm(path, { recursive: true, force: true });
  },
};

/**
 * Commits a git work tree's changes except the copied and linked files, which also go back to their
 * state at the base commit should the agent have committed them itself.
 */
export function commitWorkTree(
  spec: SandboxSpec,
  path: string,
  message: string,
  untracked: readonly string[],
): Promise<string> {
  return new Git(path).commitAll(message, { exclude: untracked, excludeFrom: spec.baseCommit });
}

import { Git } from '../git/git.js';
import { guard, type SandboxProvider, type SandboxSpec } from './sandbox.js';
import { removeWorktree } from './worktree-pool.js';

/**
 * A git worktree of the user's repository: cheap, and its branch is in the repository at once. With a
 * pool in the spec, a worktree a finished task gave back is reused when there is one.
 */
export const worktreeProvider: SandboxProvider = {
  create: (spec, path) =>
    guard('git-failed', async () => {
      if (await spec.pool?.take(path, spec.branch, spec.baseCommit)) return;
      await new Git(spec.repoRoot).addWorktree(path, spec.branch, spec.baseCommit);
    }),

  commit: commitWorkTree,

  publish: async () => {},

  remove: (spec, path) => (spec.pool ? spec.pool.give(path) : removeWorktree(new Git(spec.repoRoot), path)),
};

/**
 * Commits a git work tree's changes except the copied and linked files, which also go back to their
 * state at the base commit should the agent have committed them itself. The task branch is then set
 * to the result: an agent that switched to a branch of its own (or detached HEAD) committed there,
 * and the branch is what a clone publishes and what stays as the task's result.
 */
export function commitWorkTree(
  spec: SandboxSpec,
  path: string,
  message: string,
  untracked: readonly string[],
): Promise<string> {
  return new Git(path).commitAll(message, {
    exclude: untracked,
    excludeFrom: spec.baseCommit,
    branch: spec.branch,
  });
}

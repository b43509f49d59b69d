import { Git } from '../git/git.js';
import { dropInheritedSettings } from './sandbox-git.js';
import { guard, type SandboxProvider } from './sandbox.js';
import { commitWorkTree } from './commit-work-tree.js';
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
      await dropInheritedSettings(path);
    }),

  commit: (spec, path, message, untracked) => commitWorkTree('worktree', spec, path, message, untracked),

  publish: async () => {},

  remove: (spec, path) => (spec.pool ? spec.pool.give(path) : removeWorktree(new Git(spec.repoRoot), path)),
};

import { Git } from '../git/git.js';
import { removeTree } from './remove-tree.js';
import { guard, type SandboxProvider } from './sandbox.js';
import { commitWorkTree } from './commit-work-tree.js';

/**
 * A clone of the user's repository that borrows its objects: a repository of its own, for agents that
 * run git themselves (their branches, resets and config stay in the clone).
 */
export const cloneProvider: SandboxProvider = {
  create: (spec, path) =>
    guard('git-failed', async () => {
      const clone = await new Git(spec.repoRoot).cloneShared(path);
      await clone.checkoutNewBranch(spec.branch, spec.baseCommit);
    }),

  commit: (spec, path, message, untracked) => commitWorkTree('clone', spec, path, message, untracked),

  publish: (spec, path) => new Git(spec.repoRoot).fetchBranch(path, spec.branch),

  remove: (_spec, path) => removeTree(path),
};

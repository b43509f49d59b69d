import { Git } from '../git/git.js';
import { ok } from '../util/result.js';
import type { Sandbox, SandboxSpec } from './sandbox.js';

/**
 * No isolation, for read-only `run:` tasks: the task runs in the user's repository itself, commits
 * nothing, and copies or links nothing (that would write into the user's checkout). The branch still
 * exists, at the base commit, so downstream tasks have a branch to start from: made at once, or
 * queued in `spec.branches`.
 */
export async function createNoneSandbox(spec: SandboxSpec): Promise<Sandbox> {
  if (spec.branches) spec.branches.add(spec.branch, spec.baseCommit);
  else await new Git(spec.repoRoot).createBranch(spec.branch, spec.baseCommit);
  return {
    type: 'none',
    path: spec.repoRoot,
    branch: spec.branch,
    untracked: [],
    commit: () => Promise.resolve(ok(spec.baseCommit)),
    publish: async () => {},
    dispose: async () => {},
  };
}

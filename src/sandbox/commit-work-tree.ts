import { stripPaths } from '../git/strip-paths.js';
import { err, ok, type Result } from '../util/result.js';
import { sandboxGit } from './sandbox-git.js';
import type { SandboxError, SandboxSpec } from './sandbox.js';

/**
 * Commits a git work tree's changes except the copied and linked files, which also go back to their
 * state at the base commit should the agent have committed them itself: its commits are then
 * rewritten without them, so that they are in no commit of the task branch. The task branch is set
 * to the result: an agent that switched to a branch of its own (or detached HEAD) committed there,
 * and the branch is what a clone publishes and what stays as the task's result. A result that does
 * not descend from the base commit (the agent reset its branch below it) is refused: the work it was
 * given would be silently lost downstream.
 */
export async function commitWorkTree(
  type: 'worktree' | 'clone',
  spec: SandboxSpec,
  path: string,
  message: string,
  untracked: readonly string[],
): Promise<Result<string, SandboxError>> {
  const pinned = await sandboxGit(type, spec.repoRoot, path);
  if (!pinned.ok) return pinned;
  const git = pinned.value;
  const { commit: head, before } = await git.commitAll(message, {
    exclude: untracked,
    excludeFrom: spec.baseCommit,
    branch: spec.branch,
  });
  // Unless the agent committed itself, the result is one commit of orchestra's on the start commit.
  if (before === spec.baseCommit) return ok(head);
  if (!(await git.isAncestor(spec.baseCommit, head))) {
    return err({
      reason: 'history-rewritten',
      message: `the agent rewrote history it was given: the result ${head.slice(0, 12)} does not descend from the start commit ${spec.baseCommit.slice(0, 12)} (a reset or rebase below it)`,
    });
  }
  if (untracked.length === 0) return ok(head);
  const stripped = await stripPaths(git, spec.baseCommit, head, untracked);
  if (stripped === head) return ok(head);
  // HEAD (the branch it is on, or itself when detached), then the task branch if HEAD is elsewhere;
  // their reflogs would still reach the commits that held the files.
  await git.plumbing(['update-ref', '-m', 'orchestra: copied files left out', 'HEAD', stripped, head]);
  await git.plumbing(['update-ref', `refs/heads/${spec.branch}`, stripped]);
  await git.plumbing([
    'reflog',
    'expire',
    '--expire=now',
    '--expire-unreachable=now',
    'HEAD',
    `refs/heads/${spec.branch}`,
  ]);
  return ok(stripped);
}

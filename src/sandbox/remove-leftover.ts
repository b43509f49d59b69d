import { existsSync } from 'node:fs';
import type { Git } from '../git/git.js';
import { removeWorktree } from './worktree-pool.js';

/**
 * Removes what an earlier, interrupted try left at a sandbox path (a worktree registration, a
 * folder), so a rerun or resume can make the sandbox again from scratch.
 */
export async function removeLeftover(repo: Git, path: string): Promise<void> {
  if (!existsSync(path)) return;
  // What cannot be removed now is found by `orchestra clean`; the new sandbox then reports the path.
  await removeWorktree(repo, path).catch(() => undefined);
  await repo.pruneWorktrees();
}

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Git } from '../git/git.js';

/**
 * Removes what an earlier, interrupted try left at a sandbox path (a worktree registration, a
 * folder), so a rerun or resume can make the sandbox again from scratch.
 */
export async function removeLeftover(repo: Git, path: string): Promise<void> {
  if (!existsSync(path)) return;
  await repo.removeWorktree(path).catch(() => undefined);
  await rm(path, { recursive: true, force: true });
  await repo.pruneWorktrees();
}

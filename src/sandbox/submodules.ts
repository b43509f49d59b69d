import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Git } from '../git/git.js';
import { removeTree } from './remove-tree.js';
import { sandboxGit } from './sandbox-git.js';
import type { Sandbox } from './sandbox.js';

/**
 * Checks out the submodules of the sandbox at `path` (a git work tree at `commit`) at the commits it
 * records, each as a clone of the user's own checkout of that submodule that borrows its objects: no
 * network, and nothing written in the user's repository (`git submodule update` would record them in
 * its config). A submodule the user has not checked out, or whose commit is not in their copy,
 * stays an empty folder, as git leaves it. Nested submodules are not checked out.
 */
export async function checkoutSubmodules(repoRoot: string, path: string, commit: string): Promise<void> {
  if (!existsSync(join(path, '.gitmodules'))) return;
  for (const link of await new Git(path).gitlinks(commit)) {
    const source = join(repoRoot, link.path);
    if (!existsSync(join(source, '.git'))) continue;
    const target = join(path, link.path);
    // A worktree reused from an earlier task holds that task's checkout of it.
    await removeTree(target);
    const clone = await new Git(source).cloneShared(target);
    await clone.checkoutDetached(link.commit).catch(async () => {
      await removeTree(join(target, '.git'));
    });
  }
}

/**
 * Deletes the submodule checkouts of the sandbox at `path`, leaving their folders empty: git refuses
 * to move a worktree that holds any, and a worktree given back for reuse is moved to its next task.
 */
export async function emptySubmodules(path: string): Promise<void> {
  if (!existsSync(join(path, '.gitmodules'))) return;
  for (const link of await new Git(path).gitlinks('HEAD')) {
    await removeTree(join(path, link.path));
    await mkdir(join(path, link.path), { recursive: true });
  }
}

/**
 * The submodules whose content the task changed in its sandbox since `startCommit`: new commits in
 * one (recorded in a commit of the agent's or not), changed or new files in a checked-out one, or
 * files written into one that is not checked out. A commit cannot carry them: it would record a
 * submodule commit that exists only in the sandbox, or leave the files out.
 */
export async function changedSubmodules(
  sandbox: Sandbox,
  startCommit: string,
  repoRoot: string,
): Promise<string[]> {
  if (sandbox.type === 'none' || sandbox.type === 'jj' || !existsSync(join(sandbox.path, '.gitmodules')))
    return [];
  // Pinned like the commit that follows, which says what is wrong with a damaged sandbox.
  const pinned = await sandboxGit(sandbox.type, repoRoot, sandbox.path);
  if (!pinned.ok) return [];
  const git = pinned.value;
  const changed = new Set(await git.changedSubmodules());
  const started = new Map((await git.gitlinks(startCommit)).map((l) => [l.path, l.commit]));
  for (const link of await git.gitlinks('HEAD')) {
    if (started.get(link.path) !== link.commit) changed.add(link.path);
    const folder = join(sandbox.path, link.path);
    if (existsSync(join(folder, '.git'))) continue;
    if ((await readdir(folder).catch(() => [])).length > 0) changed.add(link.path);
  }
  return [...changed].sort();
}

/** Why an attempt that changed submodules fails. */
export function submoduleMessage(paths: readonly string[]): string {
  return (
    `the task changed submodule ${paths.join(', ')}: a change inside a submodule cannot be carried ` +
    'into the result (make it in the submodule’s own repository, or leave the submodule as it is)'
  );
}

import { lstat, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Runs `action` (a `git add`) with the `.git` of every repository nested in the work tree moved out of
 * it, so that their files are added as ordinary files. Left in place, git adds a nested repository as a
 * gitlink to its HEAD commit, which exists nowhere but in that nested `.git` (the files are lost with
 * the sandbox), or refuses it when it has no commit yet (`cargo new`, `rails new`, `git init` make such
 * repositories). `nested` are the top folders of those repositories (`dir/`, as `git status` lists
 * them); `rescan` lists them again once they are moved, to find the repositories nested in those.
 * Every `.git` is back in its place afterwards, also when `action` fails.
 */
export async function withNestedReposAsFolders<T>(
  workTree: string,
  nested: readonly string[],
  rescan: () => Promise<string[]>,
  action: () => Promise<T>,
): Promise<T> {
  const moved: { from: string; to: string }[] = [];
  try {
    for (let found = [...nested]; found.length > 0;) {
      const before = moved.length;
      for (const folder of found) {
        const from = join(workTree, folder, '.git');
        if (!(await lstat(from).catch(() => undefined))) continue;
        // Next to the work tree, not inside it (nothing to leave out of `add`), on the same file system.
        const to = join(dirname(workTree), `.${basename(workTree)}.nested-git-${moved.length}`);
        await rename(from, to);
        moved.push({ from, to });
      }
      found = moved.length > before ? await rescan() : [];
    }
    return await action();
  } finally {
    for (const { from, to } of moved.reverse()) await rename(to, from);
  }
}

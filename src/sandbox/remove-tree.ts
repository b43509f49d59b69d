import { chmod, lstat, readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Deletes a folder and everything in it; absent is fine. Also a tree a task made read-only
 * (`chmod -R a-w`, or tools that write read-only caches, like Go's module cache): deleting an entry
 * needs write permission on its folder, so a plain recursive `rm` failed there with EACCES and the
 * sandbox stayed behind.
 */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    await makeFoldersWritable(path);
    await rm(path, { recursive: true, force: true });
  }
}

/** Gives the owner full rights on `dir` and every folder below it; symlinks are not followed. */
async function makeFoldersWritable(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return;
  // A folder we do not own stays as it is: rm then reports it.
  await chmod(dir, (info.mode & 0o7777) | 0o700).catch(() => undefined);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await makeFoldersWritable(join(dir, entry.name));
  }
}

/**
 * Removes each of `folders` in turn (a folder before its parent) while it is empty, stopping at the
 * first that is not: a run's sandbox folder and the repository's folder above it would otherwise stay
 * behind, empty, after every run. A folder another run is filling at that moment is not empty.
 */
export async function removeEmptyFolders(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    try {
      await rmdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
  }
}

import { cp, lstat, mkdir, symlink } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Git } from '../git/git.js';
import type { SandboxSpec } from './sandbox.js';

/** Lists, at the top of the user's repository, more untracked files to copy into every sandbox. */
const INCLUDE_FILE = '.worktreeinclude';

/**
 * Copies the untracked files that `spec.copy` and `.worktreeinclude` select from the user's repository
 * into `path`, and symlinks the `spec.link` folders there; returns every path it made, relative to
 * `path`. Missing sources are skipped: a `.env` only some developers have is not an error.
 */
export async function provision(spec: SandboxSpec, path: string): Promise<string[]> {
  const includeFile = join(spec.repoRoot, INCLUDE_FILE);
  const copied = await new Git(spec.repoRoot).listUntracked({
    // A `copy` entry is relative to the repository root, unlike a bare gitignore name, which matches
    // at any depth: `.env` must not also pick up `node_modules/some-package/.env`.
    patterns: spec.copy.map((entry) => (entry.startsWith('/') ? entry : `/${entry}`)),
    patternFiles: (await exists(includeFile)) ? [includeFile] : [],
  });
  for (const file of copied) {
    await cp(join(spec.repoRoot, file), join(path, file), { verbatimSymlinks: true });
  }
  const linked: string[] = [];
  for (const folder of spec.link.map(linkFolder)) {
    const source = join(spec.repoRoot, folder);
    if (!(await exists(source))) continue;
    const target = join(path, folder);
    await mkdir(dirname(target), { recursive: true });
    // Fails if the sandbox already has something there: a tracked folder must not be shadowed unseen.
    await symlink(source, target, 'dir');
    linked.push(folder);
  }
  return [...copied, ...linked];
}

/** A `link:` entry as the folder's path relative to the repository (and the sandbox). */
export function linkFolder(entry: string): string {
  return posix.normalize(entry).replace(/\/+$/, '');
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The git folders of a work tree: its own (HEAD, index, logs/HEAD) and the repository's shared one. */
export interface GitDirs {
  gitDir: string;
  /** The same as `gitDir` but in a linked worktree, whose own folder's `commondir` names it. */
  commonDir: string;
}

/**
 * The git folders of the work tree at `workTree`, read from the files git keeps for them, without
 * starting git (a git process costs more than the rest of what asks). `.git` is the folder itself,
 * or, in a linked worktree or a submodule, a file naming it. Undefined when `.git` is neither.
 */
export async function gitDirsOf(workTree: string): Promise<GitDirs | undefined> {
  const dotGit = join(workTree, '.git');
  const pointer = await readFile(dotGit, 'utf8').catch((e: NodeJS.ErrnoException) =>
    e.code === 'EISDIR' ? null : undefined,
  );
  if (pointer === null) return { gitDir: dotGit, commonDir: dotGit };
  if (pointer === undefined) return undefined;
  const gitDir = namedGitDir(workTree, pointer);
  if (gitDir === undefined) return undefined;
  const common = (await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => undefined))?.trim();
  return { gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
}

/** The folder a `.git` file (`gitdir: <path>`) of the work tree at `workTree` names. */
export function namedGitDir(workTree: string, dotGitFile: string): string | undefined {
  const named = /^gitdir: (.+)$/m.exec(dotGitFile)?.[1]?.trim();
  return named ? resolve(workTree, named) : undefined;
}

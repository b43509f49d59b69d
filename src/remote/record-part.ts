import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from '../git/git.js';

/**
 * Files (path → text) as a commit of their own, made without any work tree: each blob written,
 * the tree built in a temporary index, so the user's index and checkout are never touched.
 * `parent` makes the commit carry that history along when it is pushed (the run's base).
 */
export async function writePart(
  repo: Git,
  files: ReadonlyMap<string, string>,
  message: string,
  parent?: string,
): Promise<string> {
  const entries: string[] = [];
  for (const [path, text] of files) {
    const sha = (await repo.plumbing(['hash-object', '-w', '--stdin'], { input: text })).stdout.trim();
    entries.push(`100644 ${sha}\t${path}\n`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'orchestra-part-'));
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    await repo.plumbing(['update-index', '--add', '--index-info'], { input: entries.join(''), env });
    const tree = (await repo.plumbing(['write-tree'], { env })).stdout.trim();
    const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
    return (await repo.plumbing(args, { commits: true })).stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The files of a part commit (path → text). */
export async function readPart(repo: Git, commit: string): Promise<Map<string, string>> {
  const listing = (await repo.plumbing(['ls-tree', '-r', '-z', '--full-tree', commit])).stdout;
  const files = new Map<string, string>();
  for (const entry of listing.split('\0').filter(Boolean)) {
    const tab = entry.indexOf('\t');
    const [, type, sha] = entry.slice(0, tab).split(' ');
    if (type !== 'blob') continue;
    files.set(entry.slice(tab + 1), (await repo.plumbing(['cat-file', 'blob', sha!])).stdout);
  }
  return files;
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../git/git.js';
import { err, ok, type Result } from '../util/result.js';

/**
 * Where the bare clone of `url` lives: one per URL in orchestra's cache, shared by every workflow and
 * run that names it, so its objects are fetched once.
 */
export function cachedClonePath(url: string): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return join(cache, 'orchestra', 'repos', `${key}.git`);
}

/**
 * Brings the cached clone of `url` up to date and resolves `base` in it. The remote's branches are
 * fetched under `refs/remotes/origin/` only: the clone's own `refs/heads/` hold what orchestra made
 * there (task and result branches), which a fetch must never move.
 */
export async function fetchCachedClone(
  url: string,
  base: string,
): Promise<Result<{ root: string; commit: string }, { fetch?: string; base?: string }>> {
  const root = cachedClonePath(url);
  const git = new Git(root);
  try {
    if (!existsSync(join(root, 'HEAD'))) {
      await mkdir(root, { recursive: true });
      await git.plumbing(['init', '--quiet', '--bare']);
      await git.plumbing(['remote', 'add', 'origin', url]);
    }
    await git.plumbing(['fetch', '--quiet', '--prune', '--tags', 'origin']);
    if (base === 'HEAD') await git.plumbing(['remote', 'set-head', 'origin', '--auto']);
  } catch (e) {
    return err({ fetch: (e as Error).message.split('\n').slice(-2).join(' ').trim() });
  }
  // A branch of the remote first, else a tag or a commit.
  const commit = (await git.resolveCommit(`refs/remotes/origin/${base}`)) ?? (await git.resolveCommit(base));
  return commit ? ok({ root, commit }) : err({ base });
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Git } from '../git/git.js';

const run = promisify(execFile);
/** How many changed paths a warning names before it says "…". */
const NAMED = 3;

/**
 * What the sandboxes of a run will not see, one line each: the user's uncommitted changes (sandboxes
 * start from a commit), and for a continued run a base ref that moved since the run recorded it
 * (a rerun starts from the recorded base commit, not from the current code).
 */
export async function checkoutWarnings(
  repo: Git,
  base: { ref: string; commit: string },
  continued: boolean,
): Promise<string[]> {
  const warnings: string[] = [];
  const changed = await uncommittedPaths(repo.dir);
  if (changed.length) {
    const named = changed.slice(0, NAMED).join(', ') + (changed.length > NAMED ? ', …' : '');
    const what = changed.length === 1 ? '1 uncommitted change' : `${changed.length} uncommitted changes`;
    warnings.push(
      `${what} (${named}) ${changed.length === 1 ? 'is' : 'are'} not in the sandboxes: they start from ${base.ref} at ${base.commit.slice(0, 10)}`,
    );
  }
  if (continued) {
    const now = await repo.resolveCommit(base.ref);
    if (now !== undefined && now !== base.commit)
      warnings.push(
        `${base.ref} moved since the run started (now ${now.slice(0, 10)}): this run goes on from its recorded base ${base.commit.slice(0, 10)}; start a new run to build on the current code`,
      );
  }
  return warnings;
}

/** Paths `git status` lists as changed or untracked (not ignored) in the checkout at `dir`. */
async function uncommittedPaths(dir: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['status', '--porcelain=v1', '-z'], {
      cwd: dir,
      maxBuffer: 64 << 20,
    });
    const entries = stdout.split('\0');
    const paths: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.length < 4) continue;
      paths.push(entry.slice(3));
      // A rename or copy is followed by its source path.
      if (entry[0] === 'R' || entry[0] === 'C') i++;
    }
    return paths;
  } catch {
    // A checkout git cannot read the status of: nothing to warn about that the run will not say itself.
    return [];
  }
}

import type { Git } from '../git/git.js';

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
  /** The uncommitted paths if they were asked for already (see start-probe.ts). */
  uncommitted?: Promise<string[]>,
): Promise<string[]> {
  const warnings: string[] = [];
  // A checkout git cannot read the status of: nothing to warn about that the run will not say itself.
  const changed = await (uncommitted ?? repo.uncommittedPaths().catch(() => []));
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

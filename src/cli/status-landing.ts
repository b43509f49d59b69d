import { Git } from '../git/git.js';
import { findLanding, landingHints } from '../integrate/landing.js';
import type { RunRecord } from '../state/run-state.js';

/** For `status` of a run with a result: how to land it, as the checkout stands now. */
export async function landingLines(record: RunRecord): Promise<string[]> {
  const { status, branch, commit } = record.integration;
  if (status !== 'succeeded' || commit === undefined) return [];
  const repo = new Git(record.repoRoot);
  // The branch may have been deleted or moved since: hints are for the result as recorded.
  if ((await repo.resolveCommit(`refs/heads/${branch}`)) !== commit) return [];
  const landing = await findLanding(repo, { branch, commit }, record.baseRef);
  return landingHints(landing, branch).map((h) =>
    h.command === undefined
      ? `  ${h.note}`
      : h.label === 'pr'
        ? `  or open a pull request: ${h.command}`
        : `  land it ${h.note}: ${h.command}`,
  );
}

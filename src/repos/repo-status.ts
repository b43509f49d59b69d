import { Git } from '../git/git.js';
import type { RunRecord } from '../state/run-state.js';
import { shellQuote } from '../util/shell-quote.js';

/** The run's task branches that exist, in every repository it works in (task ids make them unique). */
export async function taskBranchesAcross(record: RunRecord): Promise<Set<string>> {
  const roots = [record.repoRoot, ...Object.values(record.repos ?? {}).map((r) => r.root)];
  const lists = await Promise.all(
    roots.map((root) => new Git(root).listBranches(`orchestra/tasks/${record.id}/`).catch(() => [])),
  );
  return new Set(lists.flat());
}

/** `status` lines for each other repository's result branch: where it is and the commands to look at it. */
export function repoStatusLines(record: RunRecord): string[] {
  return Object.entries(record.repos ?? {}).flatMap(([name, r]) => {
    const { status, branch, commit, failure } = r.integration;
    const base = r.baseCommit.slice(0, 10);
    const git = `git -C ${shellQuote(r.root)}`;
    if (status === 'succeeded')
      return [
        `result in ${name}: ${branch} at ${commit!.slice(0, 10)}${r.pushed?.commit === commit ? ` (pushed to ${r.url})` : ''}`,
        `  ${git} log --oneline ${base}..${branch}`,
        `  ${git} diff ${base}...${branch}`,
      ];
    return status === 'failed' ? [`integration in ${name} failed: ${failure?.message ?? ''}`] : [];
  });
}

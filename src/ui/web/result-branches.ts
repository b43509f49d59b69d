import type { RunRecord } from '../../state/run-state.js';

/** The result branches a run made: the workflow's own first, then each other repository's, by name. */
export function resultBranches(run: Pick<RunRecord, 'integration' | 'repos'>): string[] {
  const own = run.integration.status === 'succeeded' ? [run.integration.branch] : [];
  const others = Object.entries(run.repos ?? {})
    .filter(([, repo]) => repo.integration.status === 'succeeded')
    .map(([name, repo]) => `${name}: ${repo.integration.branch}`);
  return [...own, ...others];
}

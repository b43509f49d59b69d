import type { RepoResult } from '../events/engine-event.js';
import type { RunRecord } from '../state/run-state.js';

/** What `run-finished` says of each other repository of the run that had tasks. */
export function repoResults(record: RunRecord): RepoResult[] {
  return Object.entries(record.repos ?? {}).flatMap(([name, r]): RepoResult[] => {
    const { status, branch, commit, failure } = r.integration;
    if (status === 'skipped' && record.outcome === 'succeeded') return [];
    return [
      {
        name,
        root: r.root,
        ...(r.url ? { url: r.url } : {}),
        baseCommit: r.baseCommit,
        ...(status === 'succeeded' ? { branch, ...(commit ? { commit } : {}) } : {}),
        ...(status === 'succeeded' && r.pushed?.commit === commit ? { pushed: true as const } : {}),
        ...(failure ? { failure: failure.message } : {}),
      },
    ];
  });
}

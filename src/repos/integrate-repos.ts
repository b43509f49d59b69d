import type { RunContext } from '../engine/run-context.js';
import { integrate } from '../integrate/integrate.js';
import type { RepoRunRecord } from '../state/run-state.js';
import { inRepo, repoOfTask, SELF, setIntegration } from './repo-context.js';
import { pushResult } from './push-result.js';
import type { ResolvedRepo } from './resolve-repos.js';

/** The run record's entries of the repositories a run starts with. */
export function repoRecords(repos: readonly ResolvedRepo[]): Record<string, RepoRunRecord> {
  return Object.fromEntries(
    repos.map((r) => [
      r.name,
      {
        root: r.root,
        ...(r.url ? { url: r.url } : {}),
        baseRef: r.baseRef,
        baseCommit: r.baseCommit,
        integration: { status: 'pending', branch: '', tasks: [], gates: [] },
      },
    ]),
  );
}

/**
 * Makes the result branch of each repository that has tasks in the run, one after the other (each
 * in its own repository, with its own gates), and pushes those of URL repositories that are to be
 * pushed. Returns whether all of them succeeded; a repository without tasks gets no branch.
 */
export async function integrateRepos(
  ctx: RunContext,
  signal: AbortSignal,
  opts: { push?: boolean } = {},
): Promise<boolean> {
  if (!ctx.repos) return (await integrate(ctx, signal)).status === 'succeeded';
  const record = ctx.journal.record;
  let green = true;
  for (const name of ctx.repos.keys()) {
    if (!record.selected.some((id) => repoOfTask(ctx, id) === name)) {
      await ctx.journal.update((r) =>
        setIntegration(r, name, { status: 'skipped', branch: '', tasks: [], gates: [] }),
      );
      continue;
    }
    if (signal.aborted) return false;
    const repoCtx = inRepo(ctx, name);
    const result = await integrate(repoCtx, signal);
    if (result.status !== 'succeeded') green = false;
    else if (name !== SELF && (opts.push || ctx.workflow.repos.get(name)?.push))
      green = (await pushResult(repoCtx, name)) && green;
  }
  return green;
}

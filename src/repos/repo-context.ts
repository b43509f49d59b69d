import { BranchBatch } from '../git/branch-batch.js';
import { Git } from '../git/git.js';
import type { RepoSide, RunContext } from '../engine/run-context.js';
import { RepoGuard } from '../sandbox/repo-guard.js';
import type { RunPaths } from '../state/run-paths.js';
import { WorktreePool } from '../sandbox/worktree-pool.js';
import type { IntegrationRecord, PlacedBranch, RunRecord } from '../state/run-state.js';
import { placedBranch } from '../state/run-state.js';

/** The name of the workflow's own repository. */
export const SELF = 'self';

/** Opens the repository of each `repos:` entry of the run, beside the workflow's own (`self`). */
export async function openRepoSides(
  record: RunRecord,
  self: RepoSide,
  paths: RunPaths,
): Promise<Map<string, RepoSide>> {
  const sides = new Map<string, RepoSide>([[SELF, self]]);
  for (const [name, r] of Object.entries(record.repos ?? {})) {
    const repo = new Git(r.root);
    sides.set(name, {
      repo,
      repoRoot: r.root,
      pool: new WorktreePool(r.root, record.concurrency),
      branches: new BranchBatch(repo),
      repoGuard: await RepoGuard.take(r.root, paths.repoChanges(name)),
    });
  }
  return sides;
}

/** The context of the repository `name` (`self` when undefined). */
export function inRepo(ctx: RunContext, name: string | undefined): RunContext {
  const wanted = name ?? SELF;
  if (wanted === (ctx.repoName ?? SELF)) return ctx;
  const side = ctx.repos?.get(wanted);
  if (!side) throw new Error(`no repository "${wanted}" in the run`); // the loader checked every `repo:`
  return { ...ctx, ...side, repoName: wanted };
}

/** The context a task works in: that of its repository. */
export function forTask(ctx: RunContext, id: string): RunContext {
  return inRepo(ctx, ctx.journal.record.tasks[id]?.repo ?? ctx.workflow.tasks.get(id)?.repo);
}

/** The commit root tasks of the context's repository start from. */
export function baseCommitOf(ctx: RunContext): string {
  const record = ctx.journal.record;
  return ctx.repoName && ctx.repoName !== SELF ? record.repos![ctx.repoName]!.baseCommit : record.baseCommit;
}

/** The result branch record of the repository `name` (in a record being updated, too). */
export function integrationOf(record: RunRecord, name: string | undefined): IntegrationRecord {
  return name && name !== SELF ? record.repos![name]!.integration : record.integration;
}

/** Replaces the result branch record of the repository `name`. */
export function setIntegration(record: RunRecord, name: string | undefined, value: IntegrationRecord): void {
  if (name && name !== SELF) record.repos![name]!.integration = value;
  else record.integration = value;
}

/** Whether the two tasks work in the same repository. */
export function sameRepo(record: RunRecord, a: string, b: string): boolean {
  return (record.tasks[a]?.repo ?? SELF) === (record.tasks[b]?.repo ?? SELF);
}

/** The repository a task works in. */
export function repoOfTask(ctx: Pick<RunContext, 'journal' | 'workflow'>, id: string): string {
  return ctx.journal.record.tasks[id]?.repo ?? ctx.workflow.tasks.get(id)?.repo ?? SELF;
}

/** Where a run put result branches in the repository at `root`. */
export function placedIn(record: RunRecord, root: string): PlacedBranch[] {
  const integrations = [
    ...(record.repoRoot === root ? [record.integration] : []),
    ...Object.values(record.repos ?? {})
      .filter((r) => r.root === root)
      .map((r) => r.integration),
  ];
  return integrations.flatMap((i) => placedBranch(i) ?? []);
}

/** Each repository of the run (the context's own when it has one only). */
export function repoSides(ctx: RunContext): RepoSide[] {
  return ctx.repos ? [...ctx.repos.values()] : [ctx];
}

/** The result branch records of every repository of the run, the workflow's own first. */
export function integrations(record: RunRecord): IntegrationRecord[] {
  return [record.integration, ...Object.values(record.repos ?? {}).map((r) => r.integration)];
}

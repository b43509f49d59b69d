import type { Keep, Workflow } from '../config/workflow.js';
import type { EventSink } from '../events/engine-event.js';
import type { BranchBatch } from '../git/branch-batch.js';
import type { Git } from '../git/git.js';
import type { TaskGraph } from '../graph/task-graph.js';
import type { IsolationPlan } from '../isolation/plan.js';
import type { RepoGuard } from '../sandbox/repo-guard.js';
import type { WorktreePool } from '../sandbox/worktree-pool.js';
import type { RunJournal } from '../state/run-journal.js';

/** What every part of a run shares. */
export interface RunContext {
  workflow: Workflow;
  graph: TaskGraph;
  journal: RunJournal;
  /** The user's repository (read and branch-writes only: its checkout is never touched). */
  repo: Git;
  repoRoot: string;
  /** Parent folder of this run's sandboxes. */
  sandboxRoot: string;
  emit: EventSink;
  /** Worktrees of finished tasks, reused by the next ones (emptied when the tasks are done). */
  pool: WorktreePool;
  /** The `none` sandboxes' branches, made all at once when the tasks are done. */
  branches: BranchBatch;
  /** The user's repository config and hooks, checked (and put back) after every attempt. */
  repoGuard: RepoGuard;
  /** Which tasks run jailed, and in what. */
  isolation: IsolationPlan;
  /** The run's cancellation, for work started outside a task's slot (a conflict resolver). */
  signal?: AbortSignal;
  /** --keep, overriding the workflow's policy. */
  keep?: Keep;
  /**
   * The repositories of a run across several (`repos:`), `self` too: `forTask` swaps a task's in for
   * `repo`, `repoRoot`, `pool`, `branches` and `repoGuard`. Undefined for a run in one repository.
   */
  repos?: ReadonlyMap<string, RepoSide>;
  /** The repository this context's `repo` is (`self` when undefined). */
  repoName?: string;
}

/** What of a run context belongs to one repository. */
export type RepoSide = Pick<RunContext, 'repo' | 'repoRoot' | 'pool' | 'branches' | 'repoGuard'>;

/** The branch of a task: under `orchestra/tasks/` so it can never collide with a result branch. */
export function taskBranch(runId: string, task: string): string {
  return `orchestra/tasks/${runId}/${task}`;
}

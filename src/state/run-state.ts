import type { ApprovalDecision } from '../approvals/decision.js';
import type { BudgetState } from '../budget/spend.js';
import type { AgentUsage } from '../events/engine-event.js';
import type { Failure, RunOutcome, SkipReason, TaskStatus } from '../events/task-status.js';
import { hasResult } from '../events/task-status.js';

/** One gate of one attempt, after its runs (`gates.<name>.attempts`). */
export interface GateRecord {
  name: string;
  /** Whether a run passed. */
  ok: boolean;
  /** A run failed, then one passed. */
  flaky?: true;
  /** All runs together. */
  durationMs: number;
  /** The last run's log, relative to the run folder. */
  log: string;
  /** Each run in order, when the gate ran more than once. */
  runs?: { ok: boolean; durationMs: number; log: string }[];
}

/** One attempt of a task's agent or command. */
export interface AttemptRecord {
  n: number;
  startedAt: number;
  finishedAt?: number;
  /** Log path relative to the run folder. */
  log: string;
  gates: GateRecord[];
  failure?: Failure;
  /** The task branch after the attempt's commit: `clean --branches` deletes a branch only there. */
  commit?: string;
}

/**
 * A task's record. Ordering guarantees (what crash safety rests on): `running` is written with the
 * sandbox path before the agent starts; `succeeded` is written with `commit` only after the gates
 * passed and the commit exists on `branch`.
 */
export interface TaskRecord {
  status: TaskStatus;
  /** Its branch, in the repository of `repo`. */
  branch: string;
  /** The repository it works in (a name of the run's `repos`); undefined = the workflow's own. */
  repo?: string;
  /** The commit the task started from (base, its need's result, or their merge). */
  startCommit?: string;
  /** The result commit, set with `succeeded` (or `skipped`: the reused commit). */
  commit?: string;
  sandbox?: string;
  startedAt?: number;
  finishedAt?: number;
  attempts: AttemptRecord[];
  failure?: Failure;
  /** For `blocked`: the need that did not succeed. */
  blockedBy?: string;
  /**
   * For a `skipped` task that was not reused: its own `if:` was false (the expression), or a need of
   * it was skipped. Such a task has no result.
   */
  skipped?: SkipReason;
  /** For a dynamic matrix: the instances its last expansion made (tasks of the run too). */
  instances?: string[];
  /** For an instance of a dynamic matrix: the matrix task it came from. */
  instanceOf?: string;
  usage?: AgentUsage;
  /** What the task wrote to `ORCHESTRA_OUTPUT`, set with `succeeded` (or kept when reused). */
  outputs?: Record<string, string>;
  /** Identifies the task's definition and inputs: equal fingerprints may reuse a result. */
  fingerprint?: string;
  /** Set when the result was reused instead of run: the run it came from. */
  reusedFrom?: string;
  /** Whether its processes ran in an OS sandbox (`sandbox.isolation`, as this machine allowed). */
  isolation?: 'os' | 'none';
  /** How many times a rate limit made this task wait (not counted as attempts). */
  rateLimitWaits?: number;
  /**
   * The process group of the task's process running now (setup, agent or command, gate): what a run
   * that died leaves running, for `status` to report and `resume` to stop.
   */
  processGroup?: number;
  /** An approval task: what the approver was shown, and once decided, the decision, who, when, the note. */
  approval?: { text: string } & Partial<ApprovalDecision>;
  /** Set when a budget kept an attempt of the task from starting (never started: `cancelled`). */
  stoppedBy?: 'budget';
  /** best_of: the ids of the task's candidates (each a record of its own, `<task>/candidate-<n>`). */
  candidates?: string[];
  /** best_of: the candidate whose result is the task's. */
  winner?: string;
  /** A best_of candidate cancelled because another one won first (`cancelled (lost)`). */
  lost?: true;
}

/** Whether the task's result was taken from an earlier run (`skipped` without a skip reason). */
export function isReused(t: TaskRecord): boolean {
  return t.status === 'skipped' && t.skipped === undefined;
}

/** Whether downstream tasks and integration can take the task's result. */
export function taskHasResult(t: TaskRecord): boolean {
  return hasResult(t.status) && t.skipped === undefined;
}

export interface IntegrationRecord {
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  branch: string;
  commit?: string;
  tasks: string[];
  gates: GateRecord[];
  failure?: { message: string; tasks?: string[]; files?: string[] };
  /**
   * Where this run last put its result branch, kept through later reruns (whose integration may fail
   * or not get that far) until one moves it. Only a branch still there is orchestra's to move or
   * delete: one the user committed on, or one that was theirs all along, is left alone.
   */
  placed?: PlacedBranch;
}

/** A result branch as orchestra created it. */
export interface PlacedBranch {
  branch: string;
  commit: string;
}

/** Where the run's result branch was put, also for records written before `placed` existed. */
export function placedBranch(integration: IntegrationRecord): PlacedBranch | undefined {
  if (integration.placed) return integration.placed;
  const { status, branch, commit } = integration;
  return status === 'succeeded' && commit !== undefined ? { branch, commit } : undefined;
}

/** A repository of `repos:` as the run found it, and its result branch. */
export interface RepoRunRecord {
  /** Its top level, or the cached bare clone of `url`. */
  root: string;
  url?: string;
  baseRef: string;
  baseCommit: string;
  integration: IntegrationRecord;
  /** Whether its result branch was pushed to `url`, and where. */
  pushed?: PlacedBranch;
}

/** The whole record of a run: `.orchestra/runs/<id>/run.json`. */
export interface RunRecord {
  version: 1;
  id: string;
  workflowFile: string;
  workflowName: string;
  /** Absolute path of the repository the run works on. */
  repoRoot: string;
  /** Folder holding this run's sandboxes (`<sandboxRoot>/<run-id>/<task>`), for `clean`. */
  sandboxRoot: string;
  baseRef: string;
  baseCommit: string;
  startedAt: number;
  finishedAt?: number;
  /** undefined while the run is in progress (or died in progress). */
  outcome?: RunOutcome;
  /** The tasks selected for this run, in topological order. */
  selected: string[];
  vars: Record<string, string>;
  concurrency: number;
  tasks: Record<string, TaskRecord>;
  /** The workflow's own repository's result branch (of its tasks, when other repositories have some). */
  integration: IntegrationRecord;
  /** The other repositories (`repos:`) the run works in, each with its own result branch. */
  repos?: Record<string, RepoRunRecord>;
  /** The run's budget (`budget:`), what was spent against it, and whether it stopped the run. */
  budget?: BudgetState;
  /** Each time the run was continued (rerun/resume): when and what was asked. */
  history: { at: number; command: string }[];
  /**
   * Set on a run of `orchestra job`s fetched from this git remote (`status --remote`): its tasks run
   * on other machines, so one without a result is not interrupted here.
   */
  remote?: string;
}

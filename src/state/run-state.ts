import type { AgentUsage } from '../events/engine-event.js';
import type { Failure, RunOutcome, TaskStatus } from '../events/task-status.js';

/** One gate run of one attempt. */
export interface GateRecord {
  name: string;
  ok: boolean;
  durationMs: number;
  /** Log path relative to the run folder. */
  log: string;
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
}

/**
 * A task's record. Ordering guarantees (what crash safety rests on): `running` is written with the
 * sandbox path before the agent starts; `succeeded` is written with `commit` only after the gates
 * passed and the commit exists on `branch`.
 */
export interface TaskRecord {
  status: TaskStatus;
  branch: string;
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
  usage?: AgentUsage;
  /** Identifies the task's definition and inputs: equal fingerprints may reuse a result. */
  fingerprint?: string;
  /** Set when the result was reused instead of run: the run it came from. */
  reusedFrom?: string;
  /** How many times a rate limit made this task wait (not counted as attempts). */
  rateLimitWaits?: number;
}

export interface IntegrationRecord {
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  branch: string;
  commit?: string;
  tasks: string[];
  gates: GateRecord[];
  failure?: { message: string; tasks?: string[]; files?: string[] };
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
  integration: IntegrationRecord;
  /** Each time the run was continued (rerun/resume): when and what was asked. */
  history: { at: number; command: string }[];
}

import type { RepoResult } from '../events/engine-event.js';
import type { FailureReason, RunOutcome, TaskStatus } from '../events/task-status.js';

/**
 * The stable JSON shape of `orchestra report --format json` (version 1). Fields are only ever added;
 * a field that does not apply is `null`, never missing. Everything comes from the run's record
 * (`.orchestra/runs/<id>/`) and git, nothing from what agents say about their work: no summaries.
 * Times are epoch milliseconds as recorded; nothing depends on when the report is made.
 * - `state`: the run's outcome, `running` while it runs, `interrupted` if it died without one.
 * - `tasks`: the run's tasks in topological order; `needs` gives the graph's edges.
 * - `files`: what the task changed, from the commit it started at to its result (for a task
 *   without a result, to its branch); `insertions`/`deletions` are null for a binary file.
 * - `writeScope.result`: `ok` (every changed file inside the role's scope), `violated` (`files` lists
 *   those outside), `none` (the task's role has no allow/forbid), `unknown` (no change to check).
 * - `gates[].runs`: every run of the gate in order (more than one: `gates.<name>.attempts`); `tail` is
 *   the end of that run's log, `log` its path relative to the run folder.
 * - `bestOf`: a best_of task's candidates (and judge), each reported like a task; the task itself
 *   holds no attempts or usage of its own, so totals count the candidates' and the judge's.
 */
export interface ReportJson {
  version: 1;
  run: {
    id: string;
    workflow: string;
    /** The workflow file, relative to the repository (absolute if outside it). */
    file: string;
    state: RunOutcome | 'running' | 'interrupted';
    startedAt: number;
    finishedAt: number | null;
    durationMs: number | null;
  };
  base: { ref: string; commit: string };
  /** Across repositories (`repos:`): each other repository's result branch (`result` is the workflow's own). */
  repos?: RepoResult[];
  result: {
    branch: string;
    status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
    commit: string | null;
    /** The tasks whose branches were integrated. */
    tasks: string[];
    failure: { message: string; tasks: string[]; files: string[] } | null;
    gates: GateReport[];
    /** base..result, when there is a result. */
    diffstat: Diffstat | null;
    files: FileChange[];
  };
  tasks: TaskReport[];
  totals: {
    tasks: number;
    byStatus: Partial<Record<TaskStatus, number>>;
    attempts: number;
    gateRuns: number;
    flakyGates: number;
    /** Task time added up (tasks that ran in parallel count each; a best_of task's candidates each). */
    taskDurationMs: number;
    inputTokens: number | null;
    outputTokens: number | null;
    costUsd: number | null;
  };
}

export interface TaskReport {
  id: string;
  /** Across repositories (`repos:`): the task's repository, when not the workflow's own. */
  repo?: string;
  status: TaskStatus;
  kind: 'agent' | 'command' | null;
  role: string | null;
  agent: string | null;
  model: string | null;
  needs: string[];
  branch: string;
  startCommit: string | null;
  commit: string | null;
  /** A reused result: the run it came from. */
  reusedFrom: string | null;
  blockedBy: string | null;
  durationMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  failure: FailureReport | null;
  attempts: AttemptReport[];
  diffstat: Diffstat | null;
  files: FileChange[];
  writeScope: {
    result: 'ok' | 'violated' | 'none' | 'unknown';
    allow: string[];
    forbid: string[];
    files: string[];
  };
  /** A best_of task: its candidates and who won; null for any other task. */
  bestOf: BestOfReport | null;
}

export interface BestOfReport {
  pick: 'first' | 'smallest' | { role: string };
  /** The winning candidate's id (`<task>/candidate-<n>`); null while none has won. */
  winner: string | null;
  candidates: CandidateReport[];
  /** The `pick: { role }` judge (`<task>/judge`), when it ran. */
  judge: TaskReport | null;
}

export interface CandidateReport extends TaskReport {
  /** Cancelled because another candidate won first: `cancelled (lost)`. */
  lost: boolean;
}

export interface FailureReport {
  reason: FailureReason;
  message: string;
  files: string[];
}

export interface AttemptReport {
  n: number;
  durationMs: number | null;
  commit: string | null;
  /** Why the attempt failed; null for one that passed (or is still running). */
  failure: FailureReport | null;
  gates: GateReport[];
}

export interface GateReport {
  name: string;
  verdict: 'passed' | 'failed' | 'flaky';
  durationMs: number;
  runs: { ok: boolean; durationMs: number; log: string; tail: string }[];
}

export interface Diffstat {
  files: number;
  insertions: number;
  deletions: number;
}

export interface FileChange {
  path: string;
  insertions: number | null;
  deletions: number | null;
}

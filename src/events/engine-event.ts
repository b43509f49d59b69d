import type { BudgetState } from '../budget/spend.js';
import type { Landing } from '../integrate/landing.js';
import type { Failure, RunOutcome, SkipReason, TaskStatus } from './task-status.js';

/** What an agent reported about its work, where the adapter could read it. */
export interface AgentUsage {
  summary?: string;
  sessionId?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
}

/** The phases of one task, for progress display: `agent` runs an agent, `command` a `run:` task. */
export type TaskPhase =
  'sandbox' | 'setup' | 'agent' | 'command' | 'commit' | 'scope' | 'verify' | 'teardown' | 'matrix';

/**
 * Everything the engine tells the outside world. The engine never prints: the terminal tree, the
 * plain log and `--json` are consumers of these events. All times are epoch milliseconds.
 */
export type EngineEvent =
  | {
      type: 'run-started';
      time: number;
      runId: string;
      workflow: string;
      runDir: string;
      baseCommit: string;
      /** Tasks of this run in topological order; `reused` ones will not run. */
      tasks: string[];
      reused: { task: string; fromRun: string }[];
      /** Tasks whose result from an earlier try of this run stands (rerun, resume): they will not run. */
      finishedEarlier: { task: string; status: TaskStatus }[];
      concurrency: number;
      /**
       * What the sandboxes will not see, one line each: uncommitted changes of the user's checkout,
       * or a base ref that moved since the run being continued.
       */
      warnings: string[];
      /** The run's budget and what was spent before this start (a rerun's earlier attempts count). */
      budget?: BudgetState;
    }
  | {
      type: 'task-started';
      time: number;
      task: string;
      attempt: number;
      sandbox: string;
      branch: string;
      /** `os`: its processes run in an OS sandbox (SPEC 9.1). Always set by the engine. */
      isolation?: 'os' | 'none';
    }
  | {
      type: 'task-phase';
      time: number;
      task: string;
      phase: TaskPhase;
      detail?: string;
      /** The tasks this one runs as, once known: a dynamic matrix's instances, a best_of task's candidates. */
      parts?: string[];
    }
  | { type: 'task-output'; time: number; task: string; line: string }
  | { type: 'task-waiting'; time: number; task: string; reason: 'rate-limited'; retryInMs: number }
  | {
      /** An approval task is waiting for a person: `orchestra approve|reject`, or the terminal's answer. */
      type: 'approval-waiting';
      time: number;
      runId: string;
      task: string;
      /** The approval's text, its templates rendered. */
      text: string;
    }
  | {
      type: 'gate-finished';
      time: number;
      task: string | null;
      gate: string;
      ok: boolean;
      /** A run failed, then one passed (`gates.<name>.attempts`). */
      flaky?: true;
      /** How many times the gate ran, when more than once. */
      runs?: number;
      /** All runs together. */
      durationMs: number;
      /** The last run's log. */
      log: string;
    }
  | {
      type: 'task-retry';
      time: number;
      task: string;
      attempt: number;
      /** Why the previous attempt failed: its failure's message, shown while the retry runs. */
      reason: string;
    }
  | {
      type: 'task-finished';
      time: number;
      task: string;
      status: TaskStatus;
      attempts: number;
      durationMs: number;
      branch?: string;
      commit?: string;
      failure?: Failure;
      /** For `blocked`: the need that did not succeed. */
      blockedBy?: string;
      /** For `skipped` by a condition: the `if:` that was false, or the need that was skipped. */
      skipped?: SkipReason;
      /** What the task wrote to `ORCHESTRA_OUTPUT`. */
      outputs?: Record<string, string>;
      usage?: AgentUsage;
      /** Where the sandbox was kept, if it was. */
      keptSandbox?: string;
      log?: string;
    }
  | {
      /** What the run has spent against its budget, after each task that ran (only with `budget:`). */
      type: 'budget-spend';
      time: number;
      budget: BudgetState;
    }
  /** `repo`: the repository of `repos:` whose result branch it is (none: the workflow's own). */
  | { type: 'integration-started'; time: number; branch: string; tasks: string[]; repo?: string }
  | {
      type: 'integration-finished';
      time: number;
      ok: boolean;
      branch: string;
      repo?: string;
      commit?: string;
      failure?: { message: string; tasks?: string[]; files?: string[] };
    }
  | {
      type: 'run-finished';
      time: number;
      runId: string;
      outcome: RunOutcome;
      /** Since this run, rerun or resume started (not the run's first start). */
      durationMs: number;
      baseCommit: string;
      /** The integration branch, when it was made. */
      resultBranch?: string;
      resultCommit?: string;
      /** With a result: how the user's checkout can take it (for the summary's hints). */
      landing?: Landing;
      /** The run's budget, what was spent, and whether the budget stopped the run. */
      budget?: BudgetState;
      /** Across repositories (`repos:`): each other one's result branch, or why it has none. */
      repos?: RepoResult[];
      tasks: {
        task: string;
        status: TaskStatus;
        attempts: number;
        durationMs: number;
        branch?: string;
        failure?: Failure;
        usage?: AgentUsage;
        skipped?: SkipReason;
        outputs?: Record<string, string>;
      }[];
      /** Gates that failed and then passed on a rerun; `task` null for an integration gate. */
      flaky?: { task: string | null; attempt: number; gate: string; runs: number }[];
      /** What the user should know that no task's row says (a repository change put back at the end). */
      warnings?: string[];
    };

/** The result branch of one repository of a run across several. */
export interface RepoResult {
  name: string;
  /** Its top level, or the cached clone of `url`. */
  root: string;
  url?: string;
  baseCommit: string;
  branch?: string;
  commit?: string;
  /** Set when it was pushed to `url`. */
  pushed?: true;
  failure?: string;
}

export type EngineEventType = EngineEvent['type'];

/** A consumer of engine events (a reporter, a test). */
export type EventSink = (event: EngineEvent) => void;

/* Generated from schema/orchestra.schema.json by scripts/gen-types.mjs: do not edit by hand. */

/**
 * worktree (default): a git worktree; clone: a separate clone sharing objects, for agents that run git themselves; jj: a Jujutsu workspace; none: no isolation, for read-only commands.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "SandboxType".
 */
export type SandboxType = 'worktree' | 'clone' | 'jj' | 'none';
/**
 * Untracked files copied into every sandbox (e.g. .env); .worktreeinclude is read too.
 */
export type StringList = string[];
/**
 * Big ignored folders symlinked into every sandbox (e.g. node_modules).
 */
export type StringList1 = string[];
/**
 * Shell commands run in each new sandbox before the agent.
 */
export type StringList2 = string[];
/**
 * When to keep a task's sandbox folder after it ends: never, on-failure (default) or always.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Keep".
 */
export type Keep = 'never' | 'on-failure' | 'always';
/**
 * auto (default): an OS sandbox (bubblewrap, sandbox-exec) where available, else none with a warning; os: always, refusing to run without it; none: processes run as the user.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Isolation".
 */
export type Isolation = 'auto' | 'os' | 'none';
/**
 * Hosts an isolated task may reach beyond its agent's own API hosts ("*": any host).
 */
export type StringList3 = string[];
/**
 * Paths an isolated task cannot read, beyond the built-in list (~/.ssh, ~/.aws, ~/.gnupg, ...).
 */
export type StringList4 = string[];
/**
 * Extra paths an isolated task may write (created when missing), e.g. ~/.cache/go-build; a host unix socket named here (/run/docker.sock) stays reachable.
 */
export type StringList5 = string[];
/**
 * Globs this role may change; a change elsewhere fails the attempt.
 */
export type StringList6 = string[];
/**
 * Globs this role must not change; a change there fails the attempt.
 */
export type StringList7 = string[];
/**
 * A verify command: a shell command string or {run, timeout, env, attempts}.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Gate".
 */
export type Gate =
  | string
  | {
      run: string;
      timeout?: Duration;
      env?: Env;
      /**
       * Runs in all of a failing gate on the unchanged tree before the task's attempt fails (default 1). It passes if any run passes; one that failed and then passed is recorded as flaky and spends none of the agent's retries.
       */
      attempts?: number;
    };
/**
 * A duration such as 30s, 10m, 1h or 500ms; a bare number means seconds.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string | number;
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "StringList".
 */
export type StringList8 = string[];
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "MatrixValue".
 */
export type MatrixValue = string | number | boolean;
/**
 * A shell command run in the repository when a run ends (succeeded, failed or cancelled), e.g. a desktop or chat alert: a string or {run, timeout} (default timeout 30s). Not a template: the outcome is in its environment (ORCHESTRA_RUN_ID, ORCHESTRA_RUN_STATUS, ORCHESTRA_RESULT_BRANCH, ORCHESTRA_TASKS_SUCCEEDED, ORCHESTRA_TASKS_FAILED, ...). Its failure is a warning and never changes the exit code.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Notify".
 */
export type Notify =
  | string
  | {
      run: string;
      timeout?: Duration;
    };
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * A task id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, valid in a git ref.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "TaskId".
 */
export type TaskId = string;

/**
 * An orchestra workflow: tasks for coding agents or commands, their dependencies and the gates that verify them.
 */
export interface RawWorkflow {
  /**
   * Format version. Only 1 exists.
   */
  version?: 1;
  /**
   * A human name for the workflow, shown in runs and summaries.
   */
  name?: string;
  /**
   * Variables referenced as ${{ vars.NAME }}; overridable with --var NAME=value.
   */
  vars?: {
    [k: string]: string | number | boolean;
  };
  /**
   * Global limit on tasks running at once (default: number of CPUs).
   */
  concurrency?: number;
  budget?: Budget;
  sandbox?: Sandbox;
  /**
   * Agent definitions. The built-in agents claude, codex, gemini, aider and opencode exist without being declared; declare them only to set options. Any other name needs a command.
   */
  agents?: {
    [k: string]: Agent;
  };
  /**
   * Roles: an agent, its instructions and its write scope.
   */
  roles?: {
    [k: string]: Role;
  };
  /**
   * Named verify commands, referenced by tasks' and integrate's verify lists.
   */
  gates?: {
    [k: string]: Gate;
  };
  /**
   * The tasks: the nodes of the DAG. Ids become branch and file names.
   */
  tasks: {
    [k: string]: Task;
  };
  /**
   * Other repositories tasks work in, by name; a task names one with `repo:`. The workflow's own repository is `self`.
   */
  repos?: {
    [k: string]: Repo;
  };
  integrate?: Integrate;
  /**
   * The most instances one matrix task may expand to (default 256): a planner's output cannot start more agents than this.
   */
  matrix_limit?: number;
  notify?: Notify;
}
/**
 * The run's cap: once reached, no new attempt of any task starts and the run fails.
 */
export interface Budget {
  /**
   * Cost in US dollars.
   */
  usd?: number;
  /**
   * Input plus output tokens.
   */
  tokens?: number;
}
/**
 * Where and how each task's sandbox is made.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Sandbox".
 */
export interface Sandbox {
  type?: SandboxType;
  /**
   * The ref root tasks start from, resolved to a commit at run start (default HEAD).
   */
  base?: string;
  copy?: StringList;
  link?: StringList1;
  setup?: StringList2;
  keep?: Keep;
  isolation?: Isolation;
  network?: StringList3;
  read_deny?: StringList4;
  write?: StringList5;
  /**
   * Folder that holds the sandboxes (default: the user cache dir, outside the working tree).
   */
  dir?: string;
}
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Agent".
 */
export interface Agent {
  /**
   * argv of a custom agent CLI; ${{ prompt }} is replaced by the prompt (otherwise the prompt goes on stdin).
   *
   * @minItems 1
   */
  command?: [string, ...string[]];
  /**
   * Send the prompt on stdin even if the command mentions ${{ prompt }}.
   */
  stdin?: boolean;
  /**
   * Extra arguments appended to a built-in agent's command line.
   */
  args?: string[];
  /**
   * Limit on this agent's tasks running at once (provider rate limits).
   */
  concurrency?: number;
  /**
   * Default model for this agent.
   */
  model?: string;
  env?: Env;
}
/**
 * Environment variables (values may use ${{ }} templates).
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Env".
 */
export interface Env {
  [k: string]: string | number | boolean;
}
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Role".
 */
export interface Role {
  /**
   * The agent this role runs on.
   */
  agent: string;
  /**
   * The role's instructions (system prompt); file:path reads them from a file.
   */
  instructions?: string;
  /**
   * Model for this role, overriding the agent's.
   */
  model?: string;
  allow?: StringList6;
  forbid?: StringList7;
}
/**
 * A task: an agent (role or agent, plus prompt) or a shell command (run).
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Task".
 */
export interface Task {
  /**
   * Role that performs the task.
   */
  role?: string;
  /**
   * Agent that performs the task (overrides the role's).
   */
  agent?: string;
  /**
   * Model for this task, overriding the role's and agent's.
   */
  model?: string;
  /**
   * What the agent is asked to do; file:path reads it from a file.
   */
  prompt?: string;
  /**
   * A shell command instead of an agent.
   */
  run?: string;
  /**
   * Text shown to the person asked to approve: the task waits for "orchestra approve|reject" (no agent, no run).
   */
  approval?: string;
  /**
   * Tasks that must succeed first; this task starts from their results.
   */
  needs?: string[];
  /**
   * The repository (a name under `repos:`) the task works in; default: the workflow's own (`self`).
   */
  repo?: string;
  /**
   * Gates that must pass for the task to succeed, in order.
   */
  verify?: string[];
  /**
   * How many more times the agent runs when a gate fails (default 0).
   */
  retries?: number;
  /**
   * A duration such as 30s, 10m, 1h or 500ms; a bare number means seconds.
   */
  timeout?: string | number;
  env?: Env;
  sandbox?: TaskSandbox;
  /**
   * Fail the attempt when the agent changed nothing.
   */
  require_changes?: boolean;
  /**
   * Run the task only when this GitHub Actions expression is true ("${{ … }}" or bare): over vars, tasks.<need>.outputs|summary|status, matrix, with success(), failure(), always(). False: the task is skipped.
   */
  if?: string | boolean;
  matrix?: Matrix;
  budget?: Budget1;
  /**
   * Run the task as this many candidates in parallel, each in its own sandbox with its own attempts and gates (an agent task only): a number, or one override each (agent, model, role; {} = as written).
   */
  best_of?:
    | number
    | [Candidate, Candidate]
    | [Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate]
    | [Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate, Candidate]
    | [
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate,
        Candidate
      ];
  /**
   * Which candidate of best_of wins: first (default: the first whose gates pass; the others are cancelled), smallest (all finish; the green one with the smallest diff) or {role} (all finish; that role's agent names the winner by writing winner=<n> to the file in ORCHESTRA_OUTPUT).
   */
  pick?:
    | ('first' | 'smallest')
    | {
        role: string;
      };
}
/**
 * Per-task sandbox overrides.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "TaskSandbox".
 */
export interface TaskSandbox {
  type?: SandboxType;
  copy?: StringList8;
  link?: StringList8;
  setup?: StringList8;
  keep?: Keep;
  isolation?: Isolation;
}
/**
 * One task per combination of the values: { key: [values] }, with include and exclude as in GitHub Actions; a key may instead be "${{ fromJSON(tasks.<need>.outputs.<name>) }}" (a dynamic matrix, expanded when that task finishes).
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Matrix".
 */
export interface Matrix {
  include?: MatrixCombination[];
  exclude?: MatrixCombination[];
  [k: string]: [MatrixValue, ...MatrixValue[]] | string | MatrixCombination[] | undefined;
}
/**
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "MatrixCombination".
 */
export interface MatrixCombination {
  [k: string]: MatrixValue;
}
/**
 * This task's cap: once reached, no further retry starts.
 */
export interface Budget1 {
  /**
   * Cost in US dollars.
   */
  usd?: number;
  /**
   * Input plus output tokens.
   */
  tokens?: number;
}
/**
 * How one best_of candidate differs from the task as written.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Candidate".
 */
export interface Candidate {
  agent?: string;
  model?: string;
  role?: string;
}
/**
 * A repository: a local path (relative to the workflow file), or a URL cloned into orchestra's cache and fetched at run start.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Repo".
 */
export interface Repo {
  /**
   * A local git repository, relative to the workflow file.
   */
  path?: string;
  /**
   * A repository URL (https, ssh, file://), cloned bare into orchestra's cache.
   */
  url?: string;
  /**
   * The ref its root tasks start from (default HEAD: for a URL, the remote's default branch).
   */
  base?: string;
  /**
   * Push the result branch to the URL after integration (as --push does).
   */
  push?: boolean;
  sandbox?: TaskSandbox;
  /**
   * Gates run on this repository's integrated result instead of integrate.verify.
   */
  verify?: string[];
}
/**
 * How verified results are combined into one branch.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Integrate".
 */
export interface Integrate {
  /**
   * The result branch (default orchestra/${{ run.id }}).
   */
  branch?: string;
  /**
   * merge (default), squash or rebase.
   */
  strategy?: 'merge' | 'squash' | 'rebase';
  /**
   * Tasks whose branches are integrated (default: the sinks of the DAG).
   */
  tasks?: string[];
  /**
   * Gates run on the integrated result.
   */
  verify?: string[];
  /**
   * A role whose agent resolves merge conflicts (of a task's needs, or of integration) in a sandbox holding the conflicted merge; its result is committed as the merge and verified.
   */
  resolve?: {
    role: string;
    /**
     * How many more times the resolver runs when its result still has conflict markers or fails the gates (default 1).
     */
    retries?: number;
  };
}
/**
 * A spending cap, counted from what the agents report (cost in US dollars; input plus output tokens), summed over attempts.
 *
 * This interface was referenced by `RawWorkflow`'s JSON-Schema
 * via the `definition` "Budget".
 */
export interface Budget2 {
  /**
   * Cost in US dollars.
   */
  usd?: number;
  /**
   * Input plus output tokens.
   */
  tokens?: number;
}

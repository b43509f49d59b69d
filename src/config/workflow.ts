import type { Isolation, Keep, RawWorkflow, SandboxType } from './workflow-types.js';
import type { Template } from './template.js';
import type { MatrixSpec } from '../matrix/matrix-spec.js';

export type { Isolation, Keep, RawWorkflow, SandboxType };

/** Sandbox settings after the task's overrides are applied over the workflow's. */
export interface SandboxSettings {
  type: SandboxType;
  /** The ref root tasks start from (resolved to a commit when a run starts). */
  base: string;
  copy: readonly string[];
  link: readonly string[];
  setup: readonly Template[];
  keep: Keep;
  /** Whether the task's processes run in an OS sandbox (SPEC 9.1); per task. */
  isolation: Isolation;
  /** Hosts an isolated task may reach beyond its agent's API hosts; workflow-wide. */
  network: readonly string[];
  /** Paths an isolated task cannot read, beyond the built-in list; workflow-wide. */
  readDeny: readonly string[];
  /** Extra paths an isolated task may write; workflow-wide. */
  write: readonly string[];
  /** Where sandboxes are made; undefined = the user cache dir. */
  dir?: string;
}

/** An agent: a built-in adapter or a custom command. */
export interface AgentDef {
  name: string;
  /** argv template of a custom agent; undefined for a built-in adapter. */
  command?: readonly Template[];
  stdin: boolean;
  args: readonly string[];
  concurrency?: number;
  model?: string;
  env: Readonly<Record<string, Template>>;
}

export interface RoleDef {
  name: string;
  agent: string;
  instructions?: Template;
  model?: string;
  allow: readonly string[];
  forbid: readonly string[];
}

export interface GateDef {
  name: string;
  run: Template;
  timeoutMs?: number;
  env: Readonly<Record<string, Template>>;
  /** Runs in all of a failing gate on the unchanged tree (1: no rerun). */
  attempts: number;
}

/** A spending cap (`budget:`), counted from what the agents report. */
export interface Budget {
  usd?: number;
  tokens?: number;
}

/** A task after defaults are applied: an agent task (prompt), a command task (run) or an approval. */
export interface TaskDef {
  id: string;
  kind: 'agent' | 'command' | 'approval';
  role?: string;
  /** The agent that runs it: the task's own, else its role's. */
  agent?: string;
  model?: string;
  prompt?: Template;
  run?: Template;
  /** What the person asked to approve is shown (an approval task). */
  approval?: Template;
  needs: readonly string[];
  /** The repository it works in (a name under `repos:`); undefined = the workflow's own. */
  repo?: string;
  verify: readonly string[];
  retries: number;
  timeoutMs?: number;
  env: Readonly<Record<string, Template>>;
  sandbox: SandboxSettings;
  requireChanges: boolean;
  /** A `matrix:` task as written; expanded into its instances once validated. */
  matrix?: MatrixSpec;
  /** For an instance of a `matrix:` task: its combination, what `${{ matrix.<key> }}` reads. */
  matrixValues?: Readonly<Record<string, string | number | boolean>>;
  /** The `if:` condition as written (`${{ … }}` or bare); validated by the rules. */
  if?: string;
  budget?: Budget;
  /** `best_of`: the task runs as these candidates, and `pick` names the winner. */
  bestOf?: BestOf;
  /** A commit to start from instead of the needs' results (a conflict resolver's conflicted merge). */
  from?: string;
  /** Its sandbox folder under the run's, when not its id (a resolver's, outside its task's folder). */
  sandboxDir?: string;
}

/** One best_of candidate: what it changes of the task as written (nothing, for `{}`). */
export interface CandidateOverride {
  agent?: string;
  model?: string;
  role?: string;
}

export interface BestOf {
  candidates: readonly CandidateOverride[];
  pick: 'first' | 'smallest' | { role: string };
}

export interface IntegrateDef {
  branch: Template;
  strategy: 'merge' | 'squash' | 'rebase';
  /** Tasks whose branches are integrated; undefined = the sinks of the DAG. */
  tasks?: readonly string[];
  verify: readonly string[];
  /** `integrate.resolve`: the role whose agent resolves merge conflicts, and its retries. */
  resolve?: { role: string; retries: number };
}

/** Another repository tasks work in (`repos.<name>`). */
export interface RepoDef {
  name: string;
  /** A local repository: absolute (written relative to the workflow file). */
  path?: string;
  url?: string;
  /** The ref its root tasks start from. */
  base: string;
  push: boolean;
  /** The workflow's sandbox settings with the repository's overrides. */
  sandbox: SandboxSettings;
  /** Its integration gates; undefined = `integrate.verify`. */
  verify?: readonly string[];
}

/** A validated workflow: every reference resolves, the graph is acyclic, `file:` texts are inlined. */
export interface Workflow {
  /** Absolute path of the file it came from. */
  file: string;
  name: string;
  vars: Readonly<Record<string, string>>;
  concurrency: number;
  /** The most instances one matrix may have (`matrix_limit`, default 256). */
  matrixLimit: number;
  budget?: Budget;
  sandbox: SandboxSettings;
  agents: ReadonlyMap<string, AgentDef>;
  roles: ReadonlyMap<string, RoleDef>;
  gates: ReadonlyMap<string, GateDef>;
  /** In the order they were written. */
  tasks: ReadonlyMap<string, TaskDef>;
  integrate: IntegrateDef;
  /** The other repositories (`repos:`), in the order written. */
  repos: ReadonlyMap<string, RepoDef>;
  /**
   * The workflow as written, with `file:` references replaced by the texts they name, and an entry
   * per instance of an expanded matrix (its matrix values under `matrixValues`).
   */
  raw: RawWorkflow;
  /** Each expanded `matrix:` task and its instances, in order. */
  matrixInstances?: ReadonlyMap<string, readonly string[]>;
}

/** Agents that exist without being declared. */
export const BUILTIN_AGENTS = ['claude', 'codex', 'gemini', 'aider', 'opencode'] as const;

import { rmdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import type { TaskDef } from '../config/workflow.js';
import type { RunContext } from '../engine/run-context.js';
import { runProcess, type ProcessResult, type RunProcessOptions } from '../process/run-process.js';
import { linkFolder } from '../sandbox/provision.js';
import type { Sandbox, SandboxType } from '../sandbox/sandbox.js';
import { allowedHosts } from './agent-hosts.js';
import { hostPath } from './host-path.js';
import { openJail } from './jail.js';
import type { TaskIsolation } from './plan.js';

/** Starts one process of a task: in its jail when it has one. */
export type Spawn = (opts: RunProcessOptions) => Promise<ProcessResult>;

/** A task's way of starting processes, and what to undo when it ends. */
export interface TaskSpawner {
  spawn: Spawn;
  close(): Promise<void>;
  /** Whether the task's processes cannot write the user's repository's git folder (its config and hooks). */
  confined: boolean;
}

const unjailed: TaskSpawner = { spawn: runProcess, close: () => Promise.resolve(), confined: false };

/**
 * The task's isolation: as planned at the run's start, and for a task made during the run (a dynamic
 * matrix instance, a best-of candidate, a resolver) from its own settings, which it takes from the
 * task it was made from: it is never less isolated than that task.
 */
export function taskIsolation(ctx: RunContext, task: TaskDef): TaskIsolation {
  const planned = ctx.isolation.modes.get(task.id);
  if (planned !== undefined) return planned;
  return ctx.isolation.support !== undefined && task.sandbox.isolation !== 'none' ? 'os' : 'none';
}

/**
 * The sandbox type a task gets under its isolation: a jailed worktree would need the user's
 * repository writable (its index, refs and objects live there), so it becomes a clone, which has its
 * own `.git` and borrows the objects read-only; orchestra fetches its branch back outside the jail.
 */
export function isolatedSandboxType(type: SandboxType, isolation: TaskIsolation): SandboxType {
  return isolation === 'os' && type === 'worktree' ? 'clone' : type;
}

/** Opens the task's jail (setup, agent or `run:`, gates all go through `spawn`), or none. */
export async function taskSpawner(ctx: RunContext, task: TaskDef, sandbox: Sandbox): Promise<TaskSpawner> {
  const support = ctx.isolation.support;
  if (taskIsolation(ctx, task) !== 'os' || support === undefined) return unjailed;
  const settings = task.sandbox;
  const links = new Set(settings.link.map(linkFolder));
  const jails = join(ctx.sandboxRoot, ctx.journal.record.id, '.jail');
  const jail = await openJail({
    support,
    stateDir: join(jails, task.id),
    sandbox: sandbox.path,
    // A `none` sandbox is the user's own checkout: readable only.
    sandboxWritable: sandbox.type !== 'none',
    repoRoot: ctx.repoRoot,
    // A jj workspace keeps its operations and commits in the repository's store.
    alsoWritable: sandbox.type === 'jj' ? [join(ctx.repoRoot, '.jj'), join(ctx.repoRoot, '.git')] : [],
    // The linked folders the sandbox got (those that exist), by their path in the user's repository.
    links: sandbox.untracked.filter((path) => links.has(path)).map((path) => join(ctx.repoRoot, path)),
    network: allowedHosts(task.kind === 'agent' ? task.agent : undefined, settings.network),
    readDeny: settings.readDeny,
    write: settings.write,
  });
  const gitDir = ctx.repoGuard.gitDir;
  const home = process.env.HOME ?? homedir();
  // A jj workspace writes the repository's store, and a `write` path may open the git folder.
  const confined =
    sandbox.type !== 'jj' &&
    (gitDir === undefined ||
      !settings.write.some((path) => overlaps(hostPath(path, home, sandbox.path), gitDir)));
  return {
    confined,
    spawn: async (opts) => runProcess(await jail.wrap(opts)),
    close: async () => {
      await jail.close();
      // The last task's leaves the run's folder empty, to be removed with it (another's may remain).
      await rmdir(jails).catch(() => undefined);
    },
  };
}

/** Whether one of two folders holds the other (or they are the same). */
function overlaps(a: string, b: string): boolean {
  const inside = (child: string, parent: string) => !relative(parent, child).startsWith('..');
  return inside(a, b) || inside(b, a);
}

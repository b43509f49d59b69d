import type { BranchBatch } from '../git/branch-batch.js';
import type { WorktreePool } from './worktree-pool.js';
import { err, ok, type Result } from '../util/result.js';

/** How a task is isolated: a git worktree, a clone, a jj workspace, or not at all (read-only tasks). */
export type SandboxType = 'worktree' | 'clone' | 'none' | 'jj';

/** What a sandbox is made from. */
export interface SandboxSpec {
  /** The user's repository (its top level). */
  repoRoot: string;
  /** Folder to create the sandbox in, outside the user's tree; its parent may not exist yet. */
  path: string;
  /** Task branch to create, e.g. `orchestra/tasks/<run-id>/<task>`. */
  branch: string;
  /** Full sha the sandbox starts from. */
  baseCommit: string;
  /**
   * Untracked or ignored files to copy in: paths or globs relative to `repoRoot`. Every line of a
   * `.worktreeinclude` file at `repoRoot` is added, with full gitignore semantics.
   */
  copy: string[];
  /** Folders (e.g. `node_modules`) relative to `repoRoot` to symlink into the sandbox. */
  link: string[];
  /**
   * Worktrees to reuse (type `worktree` only): the sandbox is made from a spare one if there is one,
   * and given back to the pool instead of being removed.
   */
  pool?: WorktreePool;
  /**
   * Type `none` only: the branch is queued there, to be made with the others of the run in one git
   * process, instead of at once; a full-sha `baseCommit` is then taken as it is (the engine's start
   * commits exist), so making the sandbox starts no git process.
   */
  branches?: BranchBatch;
}

/** A place where one task runs, on a branch of its own. */
export interface Sandbox {
  readonly type: SandboxType;
  /** Where the task runs. */
  readonly path: string;
  readonly branch: string;
  /** Paths (relative) that were copied or linked: never to be committed. */
  readonly untracked: readonly string[];
  /**
   * Commit everything the task changed on its branch (excluding `untracked`); returns the branch head
   * sha, or why the task's work cannot be kept (`git-missing`, `history-rewritten`).
   */
  commit(message: string): Promise<Result<string, SandboxError>>;
  /** Make the branch visible in the user's repo (no-op for worktree; fetch for clone). */
  publish(): Promise<void>;
  /** Remove the folder and any worktree/workspace registration; the branch stays. Idempotent, never throws for an already-removed sandbox. */
  dispose(): Promise<void>;
}

/**
 * Why a sandbox could not be made:
 * - `base-missing`: the base commit is not in the repository.
 * - `branch-exists`: the task branch already exists (an earlier run's result must be deleted first).
 * - `path-unusable`: the sandbox folder exists and is not empty, or cannot be created.
 * - `git-failed`: git could not create the worktree or clone.
 * - `copy-failed`: copying or linking files into the sandbox failed.
 * - `jj-missing`: the `jj` command is not installed.
 * - `jj-failed`: jj could not create the workspace (e.g. the repository is not a colocated jj repo).
 * - `git-missing` (when committing): the task deleted or replaced the sandbox's `.git`.
 * - `history-rewritten` (when committing): the result does not descend from the start commit.
 */
export type SandboxErrorReason =
  | 'base-missing'
  | 'branch-exists'
  | 'path-unusable'
  | 'git-failed'
  | 'copy-failed'
  | 'jj-missing'
  | 'jj-failed'
  | 'git-missing'
  | 'history-rewritten';

export interface SandboxError {
  reason: SandboxErrorReason;
  message: string;
}

/** The part of a sandbox that differs by type; the lifecycle around it is in `create-sandbox.ts`. */
export interface SandboxProvider {
  /** Makes the folder `path` (absent or empty) checked out on a new branch `spec.branch` at `spec.baseCommit`. */
  create(spec: SandboxSpec, path: string): Promise<Result<void, SandboxError>>;
  /** Commits the task's changes except `untracked` on the branch; returns the branch head. */
  commit(
    spec: SandboxSpec,
    path: string,
    message: string,
    untracked: readonly string[],
  ): Promise<Result<string, SandboxError>>;
  /** Makes the branch visible in `spec.repoRoot`. */
  publish(spec: SandboxSpec, path: string): Promise<void>;
  /** Removes what `create` made, even half of it, except the branch; a no-op when nothing is left. */
  remove(spec: SandboxSpec, path: string): Promise<void>;
}

/**
 * Runs `action`, turning what it throws into an error with `reason`: git, jj and the file system fail
 * for reasons in the user's environment (disk, permissions, a broken repository) they can act on.
 */
export async function guard<T>(
  reason: SandboxErrorReason,
  action: () => Promise<T>,
): Promise<Result<T, SandboxError>> {
  try {
    return ok(await action());
  } catch (error) {
    return err({ reason, message: error instanceof Error ? error.message : String(error) });
  }
}

import { mkdir, readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Git } from '../git/git.js';
import { err, ok, type Result } from '../util/result.js';
import { cloneProvider } from './clone-sandbox.js';
import { jjProvider } from './jj-sandbox.js';
import { createNoneSandbox } from './none-sandbox.js';
import { provision } from './provision.js';
import { checkoutSubmodules, emptySubmodules } from './submodules.js';
import {
  guard,
  type Sandbox,
  type SandboxError,
  type SandboxProvider,
  type SandboxSpec,
  type SandboxType,
} from './sandbox.js';
import { worktreeProvider } from './worktree-sandbox.js';

/**
 * Makes a sandbox of `type` on a new branch `spec.branch` at `spec.baseCommit`. On failure nothing is
 * left behind: no folder, no registration, no branch.
 */
export async function createSandbox(
  type: SandboxType,
  spec: SandboxSpec,
): Promise<Result<Sandbox, SandboxError>> {
  const repo = new Git(spec.repoRoot);
  if (type === 'none' && FULL_SHA.test(spec.baseCommit)) {
    // Making the branch is all there is to it, and it fails by itself when either check would: one git
    // process when it works (none when it is queued), the reason looked up when it did not.
    const made = await guard('git-failed', () => createNoneSandbox(spec));
    if (made.ok) return made;
    const refusal = await checkRefs(repo, spec);
    return refusal.ok ? made : refusal;
  }
  const checked = await checkRefs(repo, spec);
  if (!checked.ok) return checked;
  const resolved = { ...spec, baseCommit: checked.value };
  switch (type) {
    case 'none':
      return guard('git-failed', () => createNoneSandbox(resolved));
    case 'worktree':
      return isolate(type, worktreeProvider, resolved);
    case 'clone':
      return isolate(type, cloneProvider, resolved);
    case 'jj':
      return isolate(type, jjProvider, resolved);
  }
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The full sha of the base commit, unless it is missing or the task branch exists already. */
async function checkRefs(repo: Git, spec: SandboxSpec): Promise<Result<string, SandboxError>> {
  const { commit, branchExists } = await repo.probe(spec.baseCommit, spec.branch);
  if (commit === undefined) {
    return err({
      reason: 'base-missing',
      message: `base commit ${spec.baseCommit} is not in ${spec.repoRoot}`,
    });
  }
  if (branchExists) {
    return err({
      reason: 'branch-exists',
      message: `branch ${spec.branch} already exists in ${spec.repoRoot}`,
    });
  }
  return ok(commit);
}

/** The lifecycle every isolating sandbox shares: an empty folder, the provider's checkout, copies and links. */
async function isolate(
  type: SandboxType,
  provider: SandboxProvider,
  spec: SandboxSpec,
): Promise<Result<Sandbox, SandboxError>> {
  const path = await claimFolder(spec.path);
  if (!path.ok) return path;
  const made = await provider.create(spec, path.value);
  const created =
    made.ok && type !== 'jj'
      ? await guard('git-failed', () => checkoutSubmodules(spec.repoRoot, path.value, spec.baseCommit))
      : made;
  const untracked = created.ok ? await guard('copy-failed', () => provision(spec, path.value)) : created;
  if (!untracked.ok) {
    // Removed, not given back to a pool: a spare keeps its branch checked out, and the branch goes too.
    const { pool: _, ...alone } = spec;
    await provider.remove(alone, path.value);
    const repo = new Git(spec.repoRoot);
    if (await repo.branchExists(spec.branch)) await repo.deleteBranch(spec.branch);
    return untracked;
  }
  return ok({
    type,
    path: path.value,
    branch: spec.branch,
    untracked: untracked.value,
    commit: (message) => provider.commit(spec, path.value, message, untracked.value),
    publish: () => provider.publish(spec, path.value),
    dispose: async () => {
      if (spec.pool) await emptySubmodules(path.value).catch(() => undefined);
      await provider.remove(spec, path.value);
    },
  });
}

/**
 * Makes sure `path` is ours to fill and to delete later: absent (its parents are then created) or an
 * empty folder. Returns its canonical absolute form, the one git records for a worktree.
 */
async function claimFolder(path: string): Promise<Result<string, SandboxError>> {
  const absolute = resolve(path);
  const entries = await readdir(absolute).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? [] : undefined,
  );
  if (entries === undefined || entries.length > 0) {
    return err({
      reason: 'path-unusable',
      message: `sandbox folder ${absolute} exists and is not an empty folder`,
    });
  }
  return guard('path-unusable', async () => {
    await mkdir(dirname(absolute), { recursive: true });
    return join(await realpath(dirname(absolute)), basename(absolute));
  });
}

import type { Git, HeadState } from '../git/git.js';

/** How the result branch can be brought into the user's branch, as of now. */
export type Landing =
  /** The user's branch is an ancestor of the result: a fast-forward lands it. */
  | { kind: 'fast-forward'; current: string; remote?: string }
  /** The user is elsewhere, and the run's base branch can be fast-forwarded. */
  | { kind: 'switch'; target: string; remote?: string }
  /** The user's branch moved on since the base: only a merge lands it. */
  | { kind: 'merge'; current: string; remote?: string }
  /** Already in the user's branch (or that branch is the result branch). */
  | { kind: 'landed'; current: string; remote?: string }
  /** HEAD is detached: no branch to land it in. */
  | { kind: 'detached'; remote?: string };

/** What of the user's checkout `findLanding` reads whatever the result: it may be asked ahead. */
export interface CheckoutState {
  head: HeadState;
  remotes: string[];
}

export async function checkoutState(repo: Git): Promise<CheckoutState> {
  const [head, remotes] = await Promise.all([repo.headState(), repo.remotes()]);
  return { head, remotes };
}

/** Where the user's checkout stands relative to a run's result commit. */
export async function findLanding(
  repo: Git,
  result: { branch: string; commit: string },
  baseRef: string,
  checkout: Promise<CheckoutState> = checkoutState(repo),
): Promise<Landing> {
  const { head, remotes } = await checkout;
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  const withRemote = remote === undefined ? {} : { remote };
  const current = head.branch;
  if (current !== undefined && head.commit !== undefined) {
    // One merge base answers both ways: the result is in HEAD, or HEAD is in the result. None is
    // needed when HEAD is the result (tasks that changed nothing).
    const common =
      current === result.branch || head.commit === result.commit
        ? result.commit
        : await repo.mergeBase(result.commit, head.commit);
    if (common === result.commit) return { kind: 'landed', current, ...withRemote };
    if (common === head.commit) return { kind: 'fast-forward', current, ...withRemote };
  }
  const baseTip = baseRef !== current ? await repo.resolveCommit(`refs/heads/${baseRef}`) : undefined;
  if (baseTip !== undefined && (await repo.isAncestor(baseTip, result.commit)))
    return { kind: 'switch', target: baseRef, ...withRemote };
  return current === undefined
    ? { kind: 'detached', ...withRemote }
    : { kind: 'merge', current, ...withRemote };
}

/** One hint: a label, the command to paste (if any), and what it does. */
export interface LandingHint {
  label: 'land' | 'pr';
  command?: string;
  note: string;
}

/** The commands that land the result branch `branch`; `git` may be `git -C <repo>`. */
export function landingHints(landing: Landing, branch: string, git = 'git'): LandingHint[] {
  const hints: LandingHint[] = [];
  switch (landing.kind) {
    case 'fast-forward':
      hints.push({
        label: 'land',
        command: `${git} merge --ff-only ${branch}`,
        note: `into ${landing.current}`,
      });
      break;
    case 'switch':
      hints.push({
        label: 'land',
        command: `${git} switch ${landing.target} && ${git} merge --ff-only ${branch}`,
        note: `into ${landing.target}`,
      });
      break;
    case 'merge':
      hints.push({
        label: 'land',
        command: `${git} merge ${branch}`,
        note: `into ${landing.current} (a merge commit: it moved on since the run's base)`,
      });
      break;
    case 'landed':
      hints.push({ label: 'land', note: `already in ${landing.current}` });
      break;
    case 'detached':
      break;
  }
  if (landing.remote !== undefined && landing.kind !== 'landed')
    hints.push({
      label: 'pr',
      command: `${git} push -u ${landing.remote} ${branch} && gh pr create --fill --head ${branch}`,
      note: 'a pull request on GitHub',
    });
  return hints;
}

import picomatch from 'picomatch';
import { shellQuote } from '../util/shell-quote.js';

/** A role's write scope: `allow` (if any) lists what may change, `forbid` what must not. */
export interface WriteScope {
  allow: readonly string[];
  forbid: readonly string[];
}

/** Changed paths that the scope does not permit, in the order given. */
export function scopeViolations(changed: readonly string[], scope: WriteScope): string[] {
  if (scope.allow.length === 0 && scope.forbid.length === 0) return [];
  const allowed = scope.allow.length ? picomatch(scope.allow as string[], { dot: true }) : () => true;
  const forbidden = scope.forbid.length ? picomatch(scope.forbid as string[], { dot: true }) : () => false;
  return changed.filter((p) => forbidden(p) || !allowed(p));
}

/** Why the attempt failed, for the user: the rules broken and the paths that broke them. */
export function scopeMessage(paths: readonly string[], scope: WriteScope): string {
  const rules = [
    scope.forbid.length ? `must not change ${scope.forbid.join(', ')}` : '',
    scope.allow.length ? `may only change ${scope.allow.join(', ')}` : '',
  ].filter(Boolean);
  return `changes outside the write scope (${rules.join('; ')}): ${paths.join(', ')}`;
}

/**
 * What the next attempt is told: the paths, and the exact command that puts them back as they were
 * at the task's start commit (a path the agent added is removed by it).
 */
export function scopeFeedback(
  paths: readonly string[],
  scope: WriteScope,
  startCommit: string,
  vcs: 'git' | 'jj',
): string {
  const quoted = paths.map(shellQuote).join(' ');
  const restore =
    vcs === 'jj'
      ? `jj restore --from ${startCommit} ${quoted}`
      : `git restore --source=${startCommit} --staged --worktree -- ${quoted}`;
  // On a line of its own, so that no full stop sticks to the last path.
  return `${scopeMessage(paths, scope)}. Put them back as they were at your start commit ${startCommit} by running:\n${restore}\n`;
}

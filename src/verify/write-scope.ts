import picomatch from 'picomatch';

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

/** The feedback an agent gets when it wrote outside its scope. */
export function scopeMessage(paths: readonly string[], scope: WriteScope): string {
  const rules = [
    scope.forbid.length ? `you must not change ${scope.forbid.join(', ')}` : '',
    scope.allow.length ? `you may only change ${scope.allow.join(', ')}` : '',
  ].filter(Boolean);
  return `changes outside your write scope (${rules.join('; ')}): ${paths.join(', ')}. Revert them.`;
}

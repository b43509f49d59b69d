import { join, resolve } from 'node:path';

/** A path as a task's isolation settings write it (`~/…`, absolute, or relative to the sandbox), on the host. */
export function hostPath(path: string, home: string, sandbox: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : resolve(sandbox, path);
}

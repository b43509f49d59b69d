import { execFile } from 'node:child_process';
import { ALWAYS, gitEnv } from './git-env.js';

/** What a new run asks git first: the work tree around a folder, HEAD's commit, and what is uncommitted there. */
export interface HeadProbe {
  /** As `Git.locate(dir, 'HEAD')` answers. */
  head?: { topLevel: string; commit?: string };
  /** As `Git.uncommittedPaths` answers; [] when git cannot tell. */
  uncommitted: string[];
}

/**
 * Asks both in one process started by node, a shell running both gits at once: node forks the whole
 * of itself for each process it starts (8–12 ms of its main thread each while a run was starting);
 * the shell's forks are small and on another core.
 */
export function probeHead(dir: string): Promise<HeadProbe> {
  const always = ALWAYS.map((arg) => `'${arg}'`).join(' ');
  // Printed: status's output, NUL, its exit code, NUL, rev-parse's output, a space, its exit code.
  const script = [
    `git ${always} ${STATUS_PATHS.join(' ')} &`,
    `head=$(git ${always} rev-parse --show-toplevel --verify --quiet --end-of-options 'HEAD^{commit}'; printf ' %s' "$?")`,
    'wait $!',
    `printf '\\0%s\\0%s' "$?" "$head"`,
  ].join('\n');
  return new Promise((resolve) => {
    const child = execFile(
      'sh',
      ['-c', script],
      { cwd: dir, env: gitEnv(), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
      // A folder that is gone, or no shell: no answer, which the run then asks git about itself.
      (_error, stdout) => resolve(parse(stdout ?? '')),
    );
    child.stdin?.end();
  });
}

function parse(out: string): HeadProbe {
  const last = out.lastIndexOf('\0');
  const before = last < 1 ? -1 : out.lastIndexOf('\0', last - 1);
  if (before < 0) return { uncommitted: [] };
  const answer = out.slice(last + 1);
  const space = answer.lastIndexOf(' ');
  // As `locate`: exit 1 is git's "no such commit" (a repository without one), more is no repository.
  const located = Number(answer.slice(space + 1)) <= 1;
  const [topLevel, commit] = answer
    .slice(0, space)
    .split('\n')
    .filter((line) => line !== '');
  return {
    ...(located && topLevel !== undefined ? { head: { topLevel, ...(commit ? { commit } : {}) } } : {}),
    uncommitted: out.slice(before + 1, last) === '0' ? statusPaths(out.slice(0, before)) : [],
  };
}

/** What `uncommittedPaths` asks git. */
export const STATUS_PATHS = ['status', '--porcelain=v1', '-z'];

/** The paths of `git status --porcelain=v1 -z` output. */
export function statusPaths(output: string): string[] {
  const entries = output.split('\0').filter((entry) => entry !== '');
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    paths.push(entry.slice(3));
    // A rename or copy is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

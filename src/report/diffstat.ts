import type { Git } from '../git/git.js';
import type { Diffstat, FileChange } from './report-json.js';

/** Files changed between two commits with lines added and removed (`git diff --numstat`). */
export async function changedFiles(repo: Git, from: string, to: string): Promise<FileChange[]> {
  const { stdout } = await repo.plumbing(['diff', '--numstat', '-z', '--no-renames', from, to, '--']);
  // Each record is `added<TAB>deleted<TAB>path<NUL>`; a binary file has `-` for both counts.
  return stdout
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const [added, deleted, ...path] = record.split('\t');
      const count = (n: string | undefined) => (n === undefined || n === '-' ? null : Number(n));
      return { path: path.join('\t'), insertions: count(added), deletions: count(deleted) };
    });
}

export function diffstat(files: readonly FileChange[]): Diffstat {
  return {
    files: files.length,
    insertions: files.reduce((n, f) => n + (f.insertions ?? 0), 0),
    deletions: files.reduce((n, f) => n + (f.deletions ?? 0), 0),
  };
}

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The file names searched, in order, in each folder from the current one up to the repository root. */
export const SEARCH_PLACES = [
  'orchestra.yaml',
  'orchestra.yml',
  '.orchestra.yaml',
  '.config/orchestra.yaml',
  'package.json',
];

/**
 * Finds the workflow file with cosmiconfig (imported lazily: it is only needed when no -f is given).
 * Returns the path, and for package.json the key holding the workflow.
 */
export async function discoverWorkflow(cwd: string): Promise<{ file: string; root: string[] } | undefined> {
  // What cosmiconfig would find first, found without loading it: a quarter of `orchestra run`'s CPU
  // time from its command's start to its first task went to loading and setting up cosmiconfig.
  const here = join(resolve(cwd), SEARCH_PLACES[0]!);
  if (isFile(here)) return { file: here, root: [] };
  const { cosmiconfig } = await import('cosmiconfig');
  // Loaders only confirm presence: the loader re-parses with source positions for diagnostics.
  const present = () => true;
  const explorer = cosmiconfig('orchestra', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'global',
    stopDir: searchStop(cwd).dir,
    loaders: { '.yaml': present, '.yml': present, noExt: present },
    cache: false,
    // An empty orchestra.yaml is found and reported as empty, not skipped for a parent's file.
    ignoreEmptySearchPlaces: false,
  });
  const found = await explorer.search(cwd);
  if (!found) return undefined;
  return { file: found.filepath, root: found.filepath.endsWith('package.json') ? ['orchestra'] : [] };
}

/** Where the search stops: the nearest folder with a `.git` (the repository root), else the filesystem root. */
export function searchStop(cwd: string): { dir: string; inRepo: boolean } {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return { dir, inRepo: true };
    if (dirname(dir) === dir) return { dir, inRepo: false };
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

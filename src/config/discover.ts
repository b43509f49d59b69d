import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
 * Finds the workflow file: the first of SEARCH_PLACES that exists in the current folder, then in each
 * parent up to the repository root; a package.json counts only with an "orchestra" key. Returns the
 * path, and for package.json the key holding the workflow. (A plain search of a few paths: loading
 * cosmiconfig for it cost more than the rest of start-up.)
 */
export async function discoverWorkflow(cwd: string): Promise<{ file: string; root: string[] } | undefined> {
  const stop = repoRoot(cwd);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const file = join(dir, place);
      if (!isFile(file)) continue;
      if (place !== 'package.json') return { file, root: [] };
      if (await hasKey(file, 'orchestra')) return { file, root: ['orchestra'] };
    }
    if (dir === stop || dirname(dir) === dir) return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the JSON object in `file` has `key`; an unreadable or invalid file has none. */
async function hasKey(file: string, key: string): Promise<boolean> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && Object.hasOwn(value, key);
  } catch {
    return false;
  }
}

/** The nearest folder with a `.git`, or the filesystem root. */
function repoRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return dir;
  }
}

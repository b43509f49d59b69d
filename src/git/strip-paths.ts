import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from './git.js';

/**
 * Rewrites the commits of `from..to` so that none of them holds `paths` other than as `from` has them
 * (absent, usually): a copied `.env` an agent committed itself must not stay in the history of the
 * task branch once the final tree leaves it out. Each commit keeps its message, author, committer and
 * dates (a signature goes: it no longer matches); one that did nothing else is dropped. Returns the new tip, or `to` itself when no commit
 * of the range touches `paths`, which costs one git process.
 */
export async function stripPaths(
  git: Git,
  from: string,
  to: string,
  paths: readonly string[],
): Promise<string> {
  const pathspecs = paths.map((path) => `:(top,literal)${path}`);
  const touched = await run(git, ['rev-list', '--full-history', `${from}..${to}`, '--', ...pathspecs]);
  if (touched.trim() === '') return to;
  const commits = lines(await run(git, ['rev-list', '--reverse', '--topo-order', `${from}..${to}`]));
  const restore = await indexInfo(git, from, paths);
  const scratch = await mkdtemp(join(tmpdir(), 'orchestra-strip-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  const rewritten = new Map<string, string>();
  // Trees before and after, to drop a commit that only added or removed those paths.
  const fromTree = (await run(git, ['rev-parse', `${from}^{tree}`])).trim();
  const oldTrees = new Map([[from, fromTree]]);
  const newTrees = new Map([[from, fromTree]]);
  try {
    for (const commit of commits) {
      await run(git, ['read-tree', commit], { env });
      await run(git, ['update-index', '--index-info'], { env, input: restore });
      const tree = (await run(git, ['write-tree'], { env })).trim();
      const raw = await run(git, ['cat-file', 'commit', commit]);
      const { oldTree, parents } = parse(raw);
      oldTrees.set(commit, oldTree);
      const [only] = parents;
      if (parents.length === 1 && only && newTrees.get(only) === tree && oldTrees.get(only) !== oldTree) {
        rewritten.set(commit, rewritten.get(only) ?? only);
        newTrees.set(commit, tree);
        continue;
      }
      const object = withTreeAndParents(raw, tree, (parent) => rewritten.get(parent) ?? parent);
      const sha = await run(git, ['hash-object', '-t', 'commit', '-w', '--stdin'], { input: object });
      rewritten.set(commit, sha.trim());
      newTrees.set(commit, tree);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return rewritten.get(to) ?? to;
}

/** `update-index --index-info` lines putting `paths` back as they are at `commit` (removed if absent there). */
async function indexInfo(git: Git, commit: string, paths: readonly string[]): Promise<string> {
  const entries = await run(git, ['ls-tree', '-z', '--full-tree', commit, '--', ...paths]);
  const present = new Map<string, string>();
  for (const entry of entries.split('\0').filter(Boolean)) {
    const [meta = '', path = ''] = entry.split('\t');
    const [mode, , sha] = meta.split(' ');
    present.set(path, `${mode} ${sha}\t${path}`);
  }
  const none = '0'.repeat(commit.length);
  return paths.map((path) => `${present.get(path) ?? `0 ${none}\t${path}`}\n`).join('');
}

/** The tree and parents of a raw commit object. */
function parse(raw: string): { oldTree: string; parents: string[] } {
  const headers = split(raw).headers.split('\n');
  const value = (line: string) => line.slice(line.indexOf(' ') + 1);
  return {
    oldTree: value(headers.find((line) => line.startsWith('tree ')) ?? ''),
    parents: headers.filter((line) => line.startsWith('parent ')).map(value),
  };
}

/** A raw commit object with another tree, its parents mapped, and no signature. */
function withTreeAndParents(raw: string, tree: string, parent: (sha: string) => string): string {
  const { headers, body } = split(raw);
  const kept: string[] = [];
  let inSignature = false;
  for (const line of headers.split('\n')) {
    // A multi-line header continues on lines that start with a space.
    if (line.startsWith(' ')) {
      if (!inSignature) kept.push(line);
      continue;
    }
    inSignature = line.startsWith('gpgsig');
    if (inSignature) continue;
    if (line.startsWith('tree ')) kept.push(`tree ${tree}`);
    else if (line.startsWith('parent ')) kept.push(`parent ${parent(line.slice('parent '.length))}`);
    else kept.push(line);
  }
  return `${kept.join('\n')}${body}`;
}

/** A raw commit object's headers, and its body from the blank line on. */
function split(raw: string): { headers: string; body: string } {
  const end = raw.indexOf('\n\n');
  return end < 0 ? { headers: raw, body: '' } : { headers: raw.slice(0, end), body: raw.slice(end) };
}

/** The output of a plumbing command that answers no question: its exit 1 is a failure too. */
async function run(
  git: Git,
  args: readonly string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const { no, stdout } = await git.plumbing(args, opts);
  if (no) throw new Error(`git ${args.join(' ')} (in ${git.dir}) failed`);
  return stdout;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

import { gitIdents } from './commit-writer.js';
import type { Git } from './git.js';
import type { LabelledCommit } from './merge.js';

/** Imports started by this process: each gets a scratch ref of its own (several may run at once). */
let imports = 0;

/** Where the fast way stopped: `head` combines `commits[0..next)`. */
export interface DisjointPrefix {
  head: string;
  next: number;
}

/** One commit's change since the base: the files it adds or modifies, as `git fast-import` takes them. */
interface Change {
  path: string;
  mode: string;
  blob: string;
}

/**
 * Combines the leading commits of a merge or squash whose three-way merges are foregone conclusions,
 * in four git processes however many there are, instead of a `merge-tree` each: a commit qualifies
 * when, since the first commit (the base), it only adds or modifies files that no commit combined
 * before it touched (no file and folder of the same name either), and none of its own history is in
 * the result yet, so the base is the merge base. Its merge is then the result's tree with its files
 * in: one `git fast-import` writes all those trees and commits (the commits byte for byte what
 * `commit-tree` writes). A deletion stops the fast way: merge-ort might see a rename in it and move
 * another commit's new file with it. Undefined when not one commit qualifies, or git cannot do it
 * (no identity, a commit encoding, a path that is not UTF-8): the caller merges them all itself.
 */
export async function combineDisjoint(
  git: Git,
  commits: readonly LabelledCommit[],
  strategy: 'merge' | 'squash',
  message: (theirs: LabelledCommit) => string,
): Promise<DisjointPrefix | undefined> {
  const base = commits[0]!.commit;
  const others = [...new Set(commits.slice(1).map((c) => c.commit))].filter((c) => c !== base);
  // Below three, the four processes cost as much as the merges they replace.
  if (others.length < 3) return undefined;
  const [parents, changes, idents] = await Promise.all([
    historySince(git, base, others),
    changesSince(git, base, others),
    gitIdents(git),
  ]);
  if (!idents || !changes) return undefined;

  const touched = new Set<string>();
  const folders = new Set<string>();
  const inResult = new Set<string>();
  const steps: { theirs: LabelledCommit; changes: Change[] }[] = [];
  let next = 1;
  for (; next < commits.length; next++) {
    const theirs = commits[next]!;
    if (theirs.commit === base || commits.slice(0, next).some((c) => c.commit === theirs.commit)) continue;
    const own = history(parents, base, theirs.commit);
    const mine = changes.get(theirs.commit);
    if (!own || !mine || [...own].some((c) => inResult.has(c))) break;
    if (!mine.every((c) => c !== undefined && apart(c.path, touched, folders))) break;
    steps.push({ theirs, changes: mine as Change[] });
    for (const { path } of mine as Change[]) {
      touched.add(path);
      for (const folder of foldersOf(path)) folders.add(folder);
    }
    if (strategy === 'merge') for (const c of own) inResult.add(c);
  }
  // A squash of commits that change nothing makes no commit.
  const writes = strategy === 'squash' ? steps.filter((s) => s.changes.length > 0) : steps;
  if (steps.length === 0) return undefined;
  if (writes.length === 0) return { head: base, next };

  const when = Math.floor(Date.now() / 1000);
  const ident = (who: { who: string; zone: string }) => `${who.who} ${when} ${who.zone}`;
  const ref = `refs/orchestra-combine/${process.pid}-${++imports}`;
  const stream = writes.map(({ theirs, changes: files }, i) => {
    const text = Buffer.from(message(theirs));
    return [
      `commit ${ref}`,
      `mark :${i + 1}`,
      `author ${ident(idents.author)}`,
      `committer ${ident(idents.committer)}`,
      `data ${text.length}`,
      `${text.toString()}`,
      `from ${i === 0 ? base : `:${i}`}`,
      ...(strategy === 'merge' ? [`merge ${theirs.commit}`] : []),
      ...files.map((f) => `M ${f.mode} ${f.blob} ${quote(f.path)}`),
      '',
    ].join('\n');
  });
  // The scratch ref every `commit` command needs is deleted again when the import ends.
  const end = [
    `get-mark :${writes.length}`,
    `reset ${ref}`,
    `from ${'0'.repeat(base.length)}`,
    '',
    'done',
    '',
  ];
  // A git that cannot (too old for `get-mark`) leaves the merges to the caller.
  const out = await git
    .plumbing(['fast-import', '--quiet', '--done'], { input: `${stream.join('\n')}\n${end.join('\n')}` })
    .catch(() => undefined);
  const head = out?.stdout.trim() ?? '';
  return /^[0-9a-f]{40,64}$/.test(head) ? { head, next } : undefined;
}

/** Whether `path` and every file touched before are neither the same nor a file and its folder. */
function apart(path: string, touched: ReadonlySet<string>, folders: ReadonlySet<string>): boolean {
  return !touched.has(path) && !folders.has(path) && !foldersOf(path).some((f) => touched.has(f));
}

function foldersOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The parents of every commit reachable from `tips` but not from `base`, in one `git rev-list`. */
async function historySince(git: Git, base: string, tips: readonly string[]): Promise<Map<string, string[]>> {
  const out = await git.plumbing(['rev-list', '--parents', '--stdin'], {
    input: `^${base}\n${tips.join('\n')}\n`,
  });
  const parents = new Map<string, string[]>();
  for (const line of out.stdout.split('\n')) {
    const [commit, ...of] = line.split(' ');
    if (commit) parents.set(commit, of);
  }
  return parents;
}

/** `tip`'s commits since `base`, or undefined when `base` is not its ancestor. */
function history(parents: ReadonlyMap<string, string[]>, base: string, tip: string): Set<string> | undefined {
  const own = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c === base || own.has(c)) continue;
    const of = parents.get(c);
    // A commit outside the history since `base` that is not `base`: `tip` forked before it.
    if (!of) return undefined;
    own.add(c);
    stack.push(...of);
  }
  return own;
}

/**
 * Each commit's change since `base`, in one `git diff-tree --stdin`: the files it adds or modifies,
 * undefined in place of any other change (a deletion); undefined for all when a path is not UTF-8.
 */
async function changesSince(
  git: Git,
  base: string,
  tips: readonly string[],
): Promise<Map<string, (Change | undefined)[]> | undefined> {
  const out = await git.plumbing(['diff-tree', '-r', '-z', '--no-renames', '--always', '--stdin'], {
    input: tips.map((t) => `${t} ${base}\n`).join(''),
  });
  if (out.stdout.includes('\uFFFD')) return undefined;
  const fields = out.stdout.split('\0');
  const changes = new Map<string, (Change | undefined)[]>();
  let current: (Change | undefined)[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field === '') continue;
    if (!field.startsWith(':')) {
      current = [];
      changes.set(field.trim(), current);
      continue;
    }
    // `:old-mode new-mode old-sha new-sha status`, then the path.
    const [, mode = '', , blob = '', status = ''] = field.slice(1).split(' ');
    const path = fields[++i] ?? '';
    current.push(status === 'A' || status === 'M' || status === 'T' ? { path, mode, blob } : undefined);
  }
  return changes;
}

/** A path as fast-import reads it: C-style quoted, so any name (a leading quote, a newline) is safe. */
function quote(path: string): string {
  const escaped = [...path].map((c) => {
    if (c === '\\' || c === '"') return `\\${c}`;
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : c;
  });
  return `"${escaped.join('')}"`;
}

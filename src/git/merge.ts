import { CommitWriter, type Author } from './commit-writer.js';
import { combineDisjoint } from './disjoint-combine.js';
import type { Git } from './git.js';

/** A commit named for conflict reports (a task id, or "base"). */
export interface LabelledCommit {
  commit: string;
  label: string;
}

/** Files that conflicted while integrating `theirs` on top of what `ours` had already brought in. */
export interface MergeConflict {
  files: string[];
  ours: string;
  theirs: string;
}

/** The outcome of combining commits: the new HEAD, or the conflict that stopped it. */
export type MergeResult = { ok: true; commit: string } | { ok: false; conflict: MergeConflict };

/**
 * A merge that conflicted, for a resolver: `tree` is the merge with conflict markers in `files`, made
 * of `head` (what is combined so far, from task `ours`) and `theirs`.
 */
export interface ConflictedMerge {
  head: string;
  theirs: LabelledCommit;
  ours: string;
  files: string[];
  tree: string;
}

/** Resolves a conflicted merge: the resolved tree, or undefined when it could not. */
export type ConflictResolver = (merge: ConflictedMerge) => Promise<string | undefined>;

/** How commits are combined: merge commits, one commit each, or their commits replayed. */
export type CombineStrategy = 'merge' | 'squash' | 'rebase';

/**
 * Combines `commits[1..]` one by one onto `commits[0]`, without a work tree: each step's tree is
 * computed by `git merge-tree --write-tree` and recorded by `git commit-tree`, so no checkout, index,
 * HEAD or branch is read or changed, no hook runs, and merge settings of the user's (`merge.ff`,
 * `merge.verifySignatures`, rerere) have nothing to act on. All or nothing: on a conflict nothing is
 * left but unreachable objects.
 * - `merge`: a merge commit per commit (as `git merge --no-ff`); one already in is skipped.
 * - `squash`: one ordinary commit per commit (as `git merge --squash` then `git commit`); none when
 *   it brings no change.
 * - `rebase`: the commits of each that the result lacks replayed on top (as `git rebase`, which
 *   skips commits whose change is in already, such as an upstream task's); merge commits are dropped.
 */
export async function combineCommits(
  git: Git,
  commits: readonly LabelledCommit[],
  strategy: CombineStrategy,
  message: (theirs: LabelledCommit) => string,
  resolve?: ConflictResolver,
): Promise<MergeResult> {
  const first = commits[0]?.commit;
  if (first === undefined) throw new Error('combineCommits needs at least one commit');
  const step = STEPS[strategy];
  let independentTips: Promise<Set<string>> | undefined;
  const tips = () => (independentTips ??= independent(git, commits));
  // From three commits to make on, a writer's two git processes cost less than a commit-tree each.
  const make = commitMaker(git, new Set(commits.map((c) => c.commit)).size > 3);
  // Commits whose merges are foregone conclusions (disjoint files) are combined all at once.
  const fast = strategy === 'rebase' ? undefined : await combineDisjoint(git, commits, strategy, message);
  let head = { commit: fast?.head ?? first, tree: undefined as string | undefined };
  try {
    for (const [index, theirs] of commits.entries()) {
      // A commit met before is in already (tasks that changed nothing all share their start commit):
      // skipping it costs no git process.
      if (index < (fast?.next ?? 1) || theirs.commit === head.commit) continue;
      if (commits.slice(0, index).some((earlier) => earlier.commit === theirs.commit)) continue;
      let next = await step({ git, head, theirs, message, base: first, tips, make });
      if ('conflict' in next) {
        const ours = await collider(git, commits.slice(0, index), theirs, next.conflict);
        const resolved =
          resolve && (await resolveConflict(git, head.commit, theirs, ours, strategy, message, resolve));
        if (!resolved) return { ok: false, conflict: { files: next.conflict, ours, theirs: theirs.label } };
        next = resolved;
      }
      head = next;
    }
    return { ok: true, commit: head.commit };
  } finally {
    await make.close();
  }
}

/** Records a tree as a commit; `author` defaults to the committer. */
type MakeCommit = ((
  tree: string,
  parents: readonly string[],
  message: string,
  author?: Author,
) => Promise<string>) & {
  close(): Promise<void>;
};

/**
 * Commits by `git commit-tree`, or through a CommitWriter (`batch`), started at the first commit: a
 * combination that makes none starts no git process for it.
 */
function commitMaker(git: Git, batch: boolean): MakeCommit {
  let writer: Promise<CommitWriter | undefined> | undefined;
  const make = async (tree: string, parents: readonly string[], message: string, author?: Author) => {
    if (batch) writer ??= CommitWriter.open(git).catch(() => undefined);
    const written = await (await writer)?.write(tree, parents, message, author);
    return written ?? commitTree(git, tree, parents, message, author);
  };
  return Object.assign(make, { close: async () => (await writer)?.close() });
}

/**
 * Hands the whole merge of `theirs` into `head`, markers and all, to `resolve`; its tree is recorded as
 * the merge (a merge commit; one ordinary commit for squash and rebase, whose picks it replaces).
 */
async function resolveConflict(
  git: Git,
  head: string,
  theirs: LabelledCommit,
  ours: string,
  strategy: CombineStrategy,
  message: (theirs: LabelledCommit) => string,
  resolve: ConflictResolver,
): Promise<Head | undefined> {
  const merged = await mergeTree(git, head, theirs.commit);
  if (!('conflict' in merged)) return undefined; // only a rebase's pick conflicts where a merge would not
  const tree = await resolve({ head, theirs, ours, files: merged.conflict, tree: merged.tree });
  if (tree === undefined) return undefined;
  const parents = strategy === 'merge' ? [head, theirs.commit] : [head];
  return { commit: await commitTree(git, tree, parents, message(theirs)), tree };
}

/** A commit and its tree (undefined until needed). */
interface Head {
  commit: string;
  tree: string | undefined;
}

interface StepInput {
  git: Git;
  head: Head;
  theirs: LabelledCommit;
  message: (theirs: LabelledCommit) => string;
  /** The first commit, an ancestor of every head. */
  base: string;
  /** Commits that no other of the commits has as an ancestor (asked of git when first needed). */
  tips: () => Promise<ReadonlySet<string>>;
  make: MakeCommit;
}

type Step = (input: StepInput) => Promise<Head | { conflict: string[] }>;

const STEPS: Record<CombineStrategy, Step> = {
  merge: async ({ git, head, theirs, message, tips, make }) => {
    // In already when an earlier commit has it; asked only about one that some other commit has.
    if (!(await tips()).has(theirs.commit) && (await git.isAncestor(theirs.commit, head.commit))) return head;
    const merged = await mergeTree(git, head.commit, theirs.commit);
    if ('conflict' in merged) return merged;
    const commit = await make(merged.tree, [head.commit, theirs.commit], message(theirs));
    return { commit, tree: merged.tree };
  },
  squash: async ({ git, head, theirs, message, make }) => {
    const merged = await mergeTree(git, head.commit, theirs.commit);
    if ('conflict' in merged) return merged;
    if (merged.tree === (head.tree ?? (await treeOf(git, head.commit))))
      return { ...head, tree: merged.tree };
    const commit = await make(merged.tree, [head.commit], message(theirs));
    return { commit, tree: merged.tree };
  },
  rebase: async ({ git, head, theirs, base, make }) => {
    let now = head;
    for (const pick of await commitsToReplay(git, now.commit, theirs.commit)) {
      // A cherry-pick is a three-way merge whose base is the picked commit's parent. Older gits have no
      // `merge-tree --merge-base`: a stand-in commit with HEAD's tree on that parent makes the parent the
      // merge base. Not needed when the parent is `base`, which every head descends from.
      const ours =
        pick.parent === base
          ? now.commit
          : await make(now.tree ?? (await treeOf(git, now.commit)), [pick.parent], '');
      const merged = await mergeTree(git, ours, pick.commit);
      if ('conflict' in merged) return merged;
      const commit = await make(merged.tree, [now.commit], pick.message, pick.author);
      now = { commit, tree: merged.tree };
    }
    return now;
  },
};

/** The commits no other of `commits` has as an ancestor, in one git process (none for two or fewer). */
async function independent(git: Git, commits: readonly LabelledCommit[]): Promise<Set<string>> {
  const unique = [...new Set(commits.map((c) => c.commit))];
  if (unique.length <= 2) return new Set();
  return new Set(lines((await git.plumbing(['merge-base', '--independent', ...unique])).stdout));
}

async function mergeTree(
  git: Git,
  ours: string,
  theirs: string,
): Promise<{ tree: string } | { conflict: string[]; tree: string }> {
  const r = await git.plumbing([
    'merge-tree',
    '--write-tree',
    '-z',
    '--name-only',
    '--no-messages',
    ours,
    theirs,
  ]);
  const [tree = '', ...files] = r.stdout.split('\0');
  // On a conflict the tree holds the merge with conflict markers in the files.
  return r.no
    ? { conflict: [...new Set(files.filter((f) => f !== ''))], tree: tree.trim() }
    : { tree: tree.trim() };
}

/** Records `tree` as a commit by `git commit-tree`; `author` defaults to the committer. */
async function commitTree(
  git: Git,
  tree: string,
  parents: readonly string[],
  message: string,
  author?: Author,
): Promise<string> {
  const args = ['commit-tree', ...parents.flatMap((p) => ['-p', p]), tree];
  const env = author
    ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: author.date }
    : {};
  // The message goes in on stdin, byte for byte (`-m` would add a newline and be argv-limited).
  const r = await git.plumbing(args, { input: message, env, commits: true });
  return r.stdout.trim();
}

async function treeOf(git: Git, commit: string): Promise<string> {
  return (await git.plumbing(['rev-parse', '--verify', `${commit}^{tree}`])).stdout.trim();
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

interface Pick {
  commit: string;
  parent: string;
  message: string;
  author: Author;
}

/**
 * The commits of `theirs` whose change `head` lacks, oldest first, as `git rebase` picks them: no merge
 * commits, none whose patch is in `head` already. Each keeps its message, author and author date.
 */
async function commitsToReplay(git: Git, head: string, theirs: string): Promise<Pick[]> {
  const format = '--format=%H %P%x00%an%x00%ae%x00%ad%x00%B%x00';
  const range = ['--reverse', '--no-merges', '--right-only', '--cherry-pick', `${head}...${theirs}`];
  const out = (await git.plumbing(['rev-list', '--no-commit-header', '--date=raw', format, ...range])).stdout;
  const fields = out.split('\0');
  const picks: Pick[] = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    const [ids = '', name = '', email = '', date = '', message = ''] = fields.slice(i, i + 5);
    const [commit = '', parent = ''] = ids.trim().split(' ');
    picks.push({
      commit,
      parent,
      message,
      author: { name, email, date },
    });
  }
  return picks;
}

/** The latest of `merged` that changed one of `files` since it forked from `theirs`. */
async function collider(
  git: Git,
  merged: readonly LabelledCommit[],
  theirs: LabelledCommit,
  files: readonly string[],
): Promise<string> {
  for (const ours of [...merged].reverse()) {
    const fork = (await git.plumbing(['merge-base', ours.commit, theirs.commit])).stdout.trim();
    const changed = await git.changedPaths(fork, ours.commit);
    if (changed.some((path) => files.includes(path))) return ours.label;
  }
  return merged[0]?.label ?? 'HEAD';
}

import { GitCommandError, type Git } from './git.js';

const HEADS = 'refs/heads/';

/**
 * Branches to create later, all in one `git update-ref --stdin` transaction: starting a git process
 * costs the main thread a synchronous fork each time (a third of a short run's time went to ~70 of
 * them), and a `none` sandbox's branch is needed by nobody until the run's tasks are done.
 */
export class BranchBatch {
  readonly #pending = new Map<string, string>();

  constructor(readonly repo: Git) {}

  /** Queues branch `name` at `commit` (a full sha); a later call for the same name replaces it. */
  add(name: string, commit: string): void {
    this.#pending.set(name, commit);
  }

  /**
   * Creates the queued branches in one git process, leaving alone any that exist by then (the
   * user's, or one an earlier try of the run made).
   */
  async flush(): Promise<void> {
    const pending = [...this.#pending];
    this.#pending.clear();
    if (pending.length === 0) return;
    try {
      await this.#create(pending);
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      // The transaction is all or nothing: it is made again without the branches that exist.
      const existing = await this.#existing(pending.map(([name]) => name));
      if (existing.length === 0) throw error;
      await this.#create(pending.filter(([name]) => !existing.includes(name)));
    }
  }

  async #create(branches: readonly (readonly [string, string])[]): Promise<void> {
    if (branches.length === 0) return;
    const input = branches.map(([name, commit]) => `create ${HEADS}${name} ${commit}\n`).join('');
    await this.repo.plumbing(['update-ref', '--stdin'], { input });
  }

  /** Which of `names` are branches now. */
  async #existing(names: readonly string[]): Promise<string[]> {
    const refs = names.map((name) => `${HEADS}${name}`);
    // A pattern also matches the refs below it (`a` matches `a/b`): only exact names count.
    const { stdout } = await this.repo.plumbing(['for-each-ref', '--format=%(refname)', '--', ...refs]);
    const found = new Set(stdout.split('\n'));
    return names.filter((name) => found.has(`${HEADS}${name}`));
  }
}

/**
 * Points each branch at its commit, made or moved, in one `git update-ref --stdin` transaction
 * instead of a `git branch` (and a delete) each.
 */
export async function setBranches(repo: Git, branches: ReadonlyMap<string, string>): Promise<void> {
  if (branches.size === 0) return;
  const input = [...branches].map(([name, commit]) => `update ${HEADS}${name} ${commit}\n`).join('');
  await repo.plumbing(['update-ref', '--stdin'], { input });
}

/** Which of `shas` name commits in the repository, in one `git cat-file --batch-check`. */
export async function existingCommits(repo: Git, shas: Iterable<string>): Promise<Set<string>> {
  // Only full shas: a line of anything else could shift the answers out of step with the questions.
  const asked = [...new Set(shas)].filter((sha) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha));
  if (asked.length === 0) return new Set();
  const { stdout } = await repo.plumbing(['cat-file', '--batch-check=%(objecttype)'], {
    input: asked.map((sha) => `${sha}\n`).join(''),
  });
  const types = stdout.split('\n');
  return new Set(asked.filter((_, i) => types[i] === 'commit'));
}

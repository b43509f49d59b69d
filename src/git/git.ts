import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { withNestedReposAsFolders } from './nested-repos.js';
import { ALWAYS, gitEnv } from './git-env.js';
import { STATUS_PATHS, statusPaths } from './head-probe.js';

/** A git command that exited non-zero. `exitCode` tells a "no" answer (1) from a failure. */
export class GitCommandError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/** Where HEAD of a work tree is: `branch` is undefined when detached, `commit` when unborn. */
export interface HeadState {
  branch: string | undefined;
  commit: string | undefined;
}

/** What `git status` says of a work tree; see `Git.#status`. */
interface Status {
  head: string | undefined;
  branch: string | undefined;
  /** Paths `git add --all` would stage or that are staged; `*` for an entry not parsed. */
  changed: string[];
  /** Paths whose index entry differs from HEAD. */
  staged: string[];
}

/** One entry of `git worktree list`. */
export interface Worktree {
  path: string;
  head: string | undefined;
  branch: string | undefined;
}

/** Identity for commits in repositories that have none configured. */
const FALLBACK_IDENTITY = [
  ['user.name', 'orchestra'],
  ['user.email', 'orchestra@localhost'],
] as const;

const HEADS = 'refs/heads/';

/**
 * For commands that check out a whole tree (a new worktree, a clone): files are written by eight
 * processes at once once there are more than a thousand. On a 30,000-file repository this made a
 * new worktree 3 to 7 times faster on our 2-CPU machine (writing files waits on the file system more
 * than on the CPU); below the threshold, where starting the workers would cost more than it saves,
 * git writes them itself as before. Older gits ignore the settings.
 */
const PARALLEL_CHECKOUT = ['-c', 'checkout.workers=8', '-c', 'checkout.thresholdForParallelism=1000'];

/**
 * A sandbox is a full checkout whatever the user's repository does: `git worktree add` copies the
 * current worktree's sparse-checkout patterns, and an agent must see (and may change) every file.
 */
const FULL_CHECKOUT = ['-c', 'core.sparseCheckout=false'];

/**
 * The git operations orchestra needs, run in one directory (a repository or one of its work trees).
 * Every command is non-interactive: no terminal prompts, no editor, no commit signing, no commit hooks
 * (gates are the verification; a user's pre-commit hook must not block or rewrite an agent's work).
 * Unexpected git failures throw a `GitCommandError`; answers git gives by exit code are return values.
 */
export class Git {
  readonly #env: NodeJS.ProcessEnv;
  readonly #options: readonly string[];
  #identity: Promise<string[]> | undefined;

  /** The top folder of the work tree around `dir`, or undefined when it is not in a git repository. */
  static async topLevel(dir: string): Promise<string | undefined> {
    const found = await Git.workTreeOf(dir);
    return found.ok ? found.value : undefined;
  }

  /**
   * The top folder of the work tree around `dir`, or git's own words for why there is none: not a
   * repository, a bare one, or one git refuses to use (owned by someone else).
   */
  static async workTreeOf(dir: string): Promise<Result<string, string>> {
    try {
      const r = await runGit(dir, ['rev-parse', '--show-toplevel'], new Git(dir).#env);
      return r.exitCode === 0 ? ok(r.stdout.trim()) : err(r.stderr.trim());
    } catch (e) {
      return err(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * In one git process: the top folder of the work tree around `dir` (undefined when it is not in a
   * git repository) and the full sha of the commit `ref` names there (undefined if none).
   */
  static async locate(dir: string, ref: string): Promise<{ topLevel: string; commit?: string } | undefined> {
    const args = [
      'rev-parse',
      '--show-toplevel',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ];
    const answer = await new Git(dir).plumbing(args).catch(() => undefined);
    const [topLevel, commit] = lines(answer?.stdout ?? '');
    return topLevel === undefined ? undefined : { topLevel, ...(commit ? { commit } : {}) };
  }

  /**
   * @param pin the git folder of the work tree `dir` (a sandbox's): every command then uses exactly
   *   that folder and work tree, never a repository found by looking up from `dir` (the user's own,
   *   should a task delete its sandbox's `.git`), and checks out every file (no sparse checkout).
   */
  constructor(
    readonly dir: string,
    pin?: { gitDir: string },
  ) {
    this.#env = {
      ...gitEnv(),
      ...(pin && { GIT_DIR: pin.gitDir, GIT_WORK_TREE: dir, GIT_CEILING_DIRECTORIES: dirname(dir) }),
    };
    this.#options = pin ? FULL_CHECKOUT : [];
  }

  /** The absolute path of the repository's common git folder (shared by all its work trees). */
  async commonDir(): Promise<string> {
    return (await this.#run(['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
  }

  /**
   * Runs a plumbing command for a module built on this class as every command here is run
   * (`commits`: with the fallback identity; `env` adds to git's, e.g. a temporary `GIT_INDEX_FILE`).
   * Exit 1 is an answer (`no`: git's "no"), with the output; any other failure throws.
   */
  async plumbing(
    args: readonly string[],
    opts: { input?: string; env?: NodeJS.ProcessEnv; commits?: boolean } = {},
  ): Promise<{ no: boolean; stdout: string }> {
    const identity = opts.commits ? await this.#identityArgs() : [];
    const command = [...this.#options, ...identity, ...args];
    const r = await runGit(this.dir, command, { ...this.#env, ...opts.env }, opts.input);
    if (r.exitCode === 0 || r.exitCode === 1) return { no: r.exitCode === 1, stdout: r.stdout };
    throw new GitCommandError(r.exitCode, `git ${args.join(' ')} (in ${this.dir}): ${r.stderr.trim()}`);
  }

  /**
   * Starts a long-lived plumbing command (e.g. one reading `--stdin-paths`) run as `plumbing` runs
   * one; the caller writes its input and ends it.
   */
  async spawnPlumbing(args: readonly string[], opts: { commits?: boolean } = {}): Promise<ChildProcess> {
    const identity = opts.commits ? await this.#identityArgs() : [];
    return spawn('git', [...ALWAYS, ...this.#options, ...identity, ...args], {
      cwd: this.dir,
      env: this.#env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** The full sha of the commit `ref` names, or undefined if there is none. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    const sha = await this.#attempt([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ]);
    return sha?.trim();
  }

  /**
   * What a new sandbox needs to know before it starts, in one git process: the full sha of the commit
   * `ref` names (undefined if none) and whether branch `branch` exists.
   */
  async probe(ref: string, branch: string): Promise<{ commit: string | undefined; branchExists: boolean }> {
    // cat-file reads revision expressions: a name that could be more than a plain name (`x@{1}`, `a^`)
    // or split into two lines is asked about the slow way.
    if (!/^[\w./-]+$/.test(branch) || /[\n\r]/.test(ref)) {
      return { commit: await this.resolveCommit(ref), branchExists: await this.branchExists(branch) };
    }
    const out = await this.#run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], [], {
      input: `${ref}^{commit}\n${HEADS}${branch}\n`,
    });
    const [commitLine = '', branchLine = ''] = out.split('\n');
    const found = /^([0-9a-f]{40,64}) (\w+)$/;
    const commit = found.exec(commitLine);
    return {
      commit: commit?.[2] === 'commit' ? commit[1] : undefined,
      branchExists: found.test(branchLine),
    };
  }

  /** Creates branch `name` at `commit`; fails if it exists. */
  async createBranch(name: string, commit: string): Promise<void> {
    await this.#run(['branch', '--no-track', '--', name, commit]);
  }

  /**
   * Points branch `name` at `commit` only if it is still at `expected` (undefined: only if it does not
   * exist), in one atomic ref update. False when someone moved, made or deleted it in between.
   */
  async moveBranch(name: string, commit: string, expected: string | undefined): Promise<boolean> {
    const r = await runGit(this.dir, ['update-ref', `${HEADS}${name}`, commit, expected ?? ''], this.#env);
    if (r.exitCode === 0) return true;
    // A failed compare is exit 128 with "cannot lock ref"; anything else is a real failure.
    if (/cannot lock ref/.test(r.stderr)) return false;
    throw new GitCommandError(r.exitCode, `git update-ref ${HEADS}${name}: ${r.stderr.trim()}`);
  }

  /** Deletes `ref` (a full name) only if it is still at `expected`; false when it is not. */
  async deleteRef(ref: string, expected: string): Promise<boolean> {
    return (await runGit(this.dir, ['update-ref', '-d', ref, expected], this.#env)).exitCode === 0;
  }

  /** Every ref with the commit it names (a tag: the commit it points to) and the object itself. */
  async listRefs(): Promise<{ ref: string; object: string; commit: string }[]> {
    const out = await this.#run(['for-each-ref', '--format=%(refname) %(objectname) %(*objectname)']);
    return lines(out).map((line) => {
      const [ref = '', object = '', peeled] = line.split(' ');
      return { ref, object, commit: peeled || object };
    });
  }

  /** The first parent of each of `commits` (which must exist), in order. */
  async firstParents(commits: readonly string[]): Promise<string[]> {
    if (commits.length === 0) return [];
    return lines(await this.#run(['rev-parse', ...commits.map((c) => `${c}^1`)]));
  }

  /** Detaches HEAD of this work tree at `commit` without touching its files or index. */
  async detachHead(commit: string): Promise<void> {
    await this.#run(['update-ref', '--no-deref', 'HEAD', commit]);
  }

  /** Drops entry `n` of the stash (`stash@{n}`). */
  async dropStash(n: number): Promise<void> {
    await this.#run(['stash', 'drop', '--quiet', `stash@{${n}}`]);
  }

  /** The submodules of `commit`'s tree: each gitlink's path and the commit it records. */
  async gitlinks(commit: string): Promise<{ path: string; commit: string }[]> {
    return nulSeparated(await this.#run(['ls-tree', '-r', '-z', '--full-tree', commit])).flatMap((entry) => {
      const m = /^160000 commit ([0-9a-f]+)\t(.*)$/s.exec(entry);
      return m ? [{ path: m[2]!, commit: m[1]! }] : [];
    });
  }

  /** Checks out `commit` on a detached HEAD, throwing away local changes. */
  async checkoutDetached(commit: string): Promise<void> {
    await this.#run(['checkout', '--quiet', '--force', '--detach', commit], PARALLEL_CHECKOUT);
  }

  /** Submodule paths whose checkout differs from what HEAD records (new commits, changes, new files). */
  async changedSubmodules(): Promise<string[]> {
    const out = await this.#run(['status', '--porcelain=v2', '-z', '--ignore-submodules=none']);
    // `1 XY S<c><m><u> …` (an ordinary entry; a submodule's third field starts with S): path last.
    return nulSeparated(out).flatMap((entry) => {
      const fields = entry.split(' ');
      return fields[0] === '1' && fields[2]?.startsWith('S') ? [fields.slice(8).join(' ')] : [];
    });
  }

  /** Deletes branch `name` whether or not it is merged. */
  async deleteBranch(name: string): Promise<void> {
    await this.#run(['branch', '-D', '--', name]);
  }

  async branchExists(name: string): Promise<boolean> {
    return (await this.#attempt(['show-ref', '--verify', '--quiet', `${HEADS}${name}`])) !== undefined;
  }

  /** Local branches whose names start with `prefix`. */
  async listBranches(prefix: string): Promise<string[]> {
    return lines(await this.#run(['for-each-ref', '--format=%(refname)', HEADS]))
      .map((ref) => ref.slice(HEADS.length))
      .filter((name) => name.startsWith(prefix));
  }

  async headState(): Promise<HeadState> {
    // One process for both (the sha, then `refs/heads/<name>`, or `HEAD` when detached) unless HEAD
    // is unborn or names something else.
    const both = await this.#run(['rev-parse', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD']).catch(
      () => '',
    );
    const [commit, name = ''] = lines(both);
    if (commit !== undefined && (name === 'HEAD' || name.startsWith(HEADS)))
      return { branch: name === 'HEAD' ? undefined : name.slice(HEADS.length), commit };
    const branch = await this.#attempt(['symbolic-ref', '--quiet', '--short', 'HEAD']);
    return { branch: branch?.trim(), commit: await this.resolveCommit('HEAD') };
  }

  /**
   * Commits every change in the work tree except the `exclude` paths (relative to the top, taken
   * literally), if there is any; returns HEAD afterwards (`commit`) and before (`before`, undefined
   * before the first commit). The excluded paths keep their version in `excludeFrom` (default HEAD):
   * given the commit a sandbox started from, whatever an agent committed or staged there itself is
   * taken back out. With `branch`, that branch ends at the result whatever HEAD is on.
   */
  async commitAll(
    message: string,
    opts: { exclude: readonly string[]; excludeFrom?: string; branch?: string },
  ): Promise<{ commit: string; before: string | undefined }> {
    // Most tasks leave nothing to commit or commit their own work: one `git status` says so, with HEAD.
    const status = await this.#status();
    const commit = await this.#commitChanges(message, opts, status);
    // An agent that switched to a branch of its own (or detached HEAD) committed there: `branch` is
    // moved to the result, since it is what stays as the work's result (and what a clone publishes).
    if (opts.branch !== undefined && status.branch !== opts.branch)
      await this.#run(['branch', '--force', '--no-track', opts.branch, commit]);
    return { commit, before: status.head };
  }

  async #commitChanges(
    message: string,
    opts: { exclude: readonly string[]; excludeFrom?: string },
    { head, changed, staged }: Status,
  ): Promise<string> {
    const excludedHeadIsBase =
      opts.exclude.length === 0 || opts.excludeFrom === undefined || head === opts.excludeFrom;
    if (head !== undefined && excludedHeadIsBase && changed.every((path) => opts.exclude.includes(path))) {
      return head;
    }
    // Only what `git status` lists can be added, so only those need leaving out, unless it listed a
    // rename it did not parse. (`git add` refuses a pathspec naming an ignored file even to exclude it.)
    const unparsed = changed.includes('*');
    const ignored = unparsed ? await this.#untrackedIgnored(opts.exclude) : [];
    const excluded = opts.exclude.filter((path) =>
      unparsed ? !ignored.includes(path) : changed.includes(path),
    );
    // Left out rather than added and unstaged: a copied secret must not even be hashed into the object store.
    const add = () => this.#run(['add', '--all', '--', ':/', ...literal(excluded, ',exclude')]);
    const nested = (paths: readonly string[]) => paths.filter((path) => path.endsWith('/'));
    const rescan = async () => nested((await this.#status()).changed);
    await withNestedReposAsFolders(this.dir, nested(changed), rescan, add);
    // Taken back to `excludeFrom` when the agent committed or staged one of them itself.
    const reset =
      opts.excludeFrom !== undefined &&
      (!excludedHeadIsBase || unparsed || opts.exclude.some((path) => staged.includes(path)));
    if (reset) await this.#run(['reset', '--quiet', opts.excludeFrom!, '--', ...literal(opts.exclude)]);
    const made = await this.#commitStaged(message);
    return made || head === undefined ? this.#head() : head;
  }

  /** Paths `git status` lists as changed or untracked (not ignored) in this work tree. */
  async uncommittedPaths(): Promise<string[]> {
    return statusPaths(await this.#run(STATUS_PATHS));
  }

  /** Paths that differ between two commits; a rename counts as both its old and its new path. */
  async changedPaths(fromCommit: string, toCommit: string): Promise<string[]> {
    return nulSeparated(await this.#run(['diff', '--name-only', '--no-renames', '-z', fromCommit, toCommit]));
  }

  /** Creates branch `branch` at `commit` and checks it out in a new work tree at `path`. */
  async addWorktree(path: string, branch: string, commit: string): Promise<void> {
    const options = [...PARALLEL_CHECKOUT, ...FULL_CHECKOUT];
    await this.#run(['worktree', 'add', '--quiet', '-b', branch, path, commit], options, {
      // `-b` makes the branch (a child `git branch`, which fails if it exists) before the worktree
      // scan that can lose a race: the branch left by a lost try is ours to delete before trying again.
      beforeRetry: async () => {
        if (await this.branchExists(branch)) await this.deleteBranch(branch);
      },
    });
  }

  /** Moves the linked work tree at `from` to `to` (which must not exist); its branch and files go along. */
  async moveWorktree(from: string, to: string): Promise<void> {
    await this.#run(['worktree', 'move', from, to]);
  }

  /** Deletes every untracked and ignored file of this work tree, nested repositories too. */
  async clean(): Promise<void> {
    await this.#run(['clean', '-ffdxq']);
  }

  /**
   * Creates branch `name` at `commit` and checks it out here, throwing away local changes: only the
   * files that differ between HEAD and `commit` are written.
   */
  async switchToNewBranch(name: string, commit: string): Promise<void> {
    await this.#run(['checkout', '--quiet', '--force', '--no-track', '-b', name, commit], PARALLEL_CHECKOUT);
  }

  /** Removes the work tree at `path` and its registration, even if it has changes or is gone already. */
  async removeWorktree(path: string): Promise<void> {
    await this.#run(['worktree', 'remove', '--force', '--force', path]);
  }

  async listWorktrees(): Promise<Worktree[]> {
    const worktrees: Worktree[] = [];
    for (const line of nulSeparated(await this.#run(['worktree', 'list', '--porcelain', '-z']))) {
      const [key, value = ''] = splitOnce(line, ' ');
      const current = worktrees.at(-1);
      if (key === 'worktree') worktrees.push({ path: value, head: undefined, branch: undefined });
      else if (current && key === 'HEAD') current.head = value;
      else if (current && key === 'branch') current.branch = value.replace(HEADS, '');
    }
    return worktrees;
  }

  /** Forgets work trees whose folders are gone. */
  async pruneWorktrees(): Promise<void> {
    await this.#run(['worktree', 'prune']);
  }

  /** The best common ancestor of commits `a` and `b`, undefined when they have none. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return (await this.#attempt(['merge-base', a, b]))?.trim();
  }

  /** Whether commit `a` is `b` or one of its ancestors. */
  async isAncestor(a: string, b: string): Promise<boolean> {
    return (await this.#attempt(['merge-base', '--is-ancestor', a, b])) !== undefined;
  }

  /** The names of the repository's remotes. */
  async remotes(): Promise<string[]> {
    return (await this.#run(['remote'])).split('\n').filter(Boolean);
  }

  /** Copies branch `branch` of the repository at `fromRepoPath` to the branch of that name here. */
  async fetchBranch(fromRepoPath: string, branch: string): Promise<void> {
    const refspec = `+${HEADS}${branch}:${HEADS}${branch}`;
    await this.#run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', fromRepoPath, refspec]);
  }

  /** Clones this repository to `path`, borrowing its objects, without checking anything out. */
  async cloneShared(path: string): Promise<Git> {
    await this.#run(['clone', '--quiet', '--shared', '--no-checkout', '--', this.dir, path]);
    return new Git(path, { gitDir: join(path, '.git') });
  }

  /** Creates branch `name` at `commit` and checks it out here. */
  async checkoutNewBranch(name: string, commit: string): Promise<void> {
    await this.#run(['checkout', '--quiet', '-b', name, commit], PARALLEL_CHECKOUT);
  }

  /**
   * Untracked files (never folders) relative to the top of the work tree that match any of the
   * gitignore-style `patterns`, or of the patterns in the `patternFiles`, ignored or not.
   */
  async listUntracked(selection: {
    patterns: readonly string[];
    patternFiles: readonly string[];
  }): Promise<string[]> {
    const options = [
      ...selection.patterns.map((pattern) => `--exclude=${pattern}`),
      ...selection.patternFiles.map((file) => `--exclude-from=${file}`),
    ];
    // Without any pattern `--ignored` is an error, and there is nothing to select anyway.
    if (options.length === 0) return [];
    return nulSeparated(await this.#run(['ls-files', '-z', '--others', '--ignored', ...options]));
  }

  /**
   * Commits the index; false when there was nothing to commit. The identity is looked up only when
   * git finds none configured (what the fallback is for), not before every commit.
   */
  async #commitStaged(message: string): Promise<boolean> {
    const args = ['commit', '--quiet', '--no-verify', '--allow-empty-message', '-m', message];
    try {
      await this.#run(args, ['-c', 'user.useConfigOnly=true']);
      return true;
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      // Exit 1 is "nothing to commit" when the index is clean (`diff` exits 0 then).
      if (error.exitCode === 1 && (await this.#attempt(['diff', '--cached', '--quiet'])) !== undefined)
        return false;
      const identity = await this.#identityArgs();
      if (identity.length === 0) throw error;
      await this.#run(args, identity);
      return true;
    }
  }

  /** Which of `paths` are untracked files that git ignores. */
  async #untrackedIgnored(paths: readonly string[]): Promise<string[]> {
    if (paths.length === 0) return [];
    const args = ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...literal(paths)];
    return nulSeparated(await this.#run(args));
  }

  async #head(): Promise<string> {
    return (await this.#run(['rev-parse', '--verify', 'HEAD'])).trim();
  }

  /** `-c` options supplying the fallback identity for whatever this repository lacks. */
  #identityArgs(): Promise<string[]> {
    this.#identity ??= (async () => {
      const set = await this.#attempt(['config', '--get-regexp', '^user\\.(name|email)$']);
      const keys = new Set(lines(set ?? '').map((line) => splitOnce(line, ' ')[0]));
      return FALLBACK_IDENTITY.filter(([key]) => !keys.has(key)).flatMap(([key, value]) => [
        '-c',
        `${key}=${value}`,
      ]);
    })();
    return this.#identity;
  }

  /**
   * HEAD (undefined before the first commit) and the paths `git add --all` would stage or that are
   * staged, from `git status` (a nested repository as its folder, `dir/`). Renames and conflicts are reported as an unparsed `*` entry: for a
   * caller asking "is there anything but these paths?", they always are.
   */
  async #status(): Promise<Status> {
    const out = await this.#run(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']);
    let head: string | undefined;
    let branch: string | undefined;
    const changed: string[] = [];
    const staged: string[] = [];
    for (const entry of nulSeparated(out)) {
      if (entry.startsWith('# branch.oid ')) {
        const oid = entry.slice('# branch.oid '.length);
        head = /^[0-9a-f]+$/.test(oid) ? oid : undefined;
      } else if (entry.startsWith('# branch.head ')) {
        const name = entry.slice('# branch.head '.length);
        branch = name === '(detached)' ? undefined : name;
      } else if (entry.startsWith('? ')) {
        changed.push(entry.slice(2));
      } else if (entry.startsWith('1 ')) {
        // `1 XY sub mH mI mW hH hI path`: the path is everything after the eighth space.
        const path = entry.split(' ').slice(8).join(' ');
        changed.push(path);
        if (entry[2] !== '.') staged.push(path);
      } else if (!entry.startsWith('#')) {
        changed.push('*');
      }
    }
    return { head, branch, changed, staged };
  }

  /**
   * Runs git; `options` go before the subcommand (`-c key=value`). A command that lost a race with
   * another git process creating or removing a worktree is run again (see WORKTREE_RACE).
   */
  async #run(
    args: readonly string[],
    options: readonly string[] = [],
    {
      input,
      env,
      beforeRetry,
    }: { input?: string; env?: NodeJS.ProcessEnv; beforeRetry?: () => Promise<void> } = {},
  ): Promise<string> {
    const fullEnv = env ? { ...this.#env, ...env } : this.#env;
    for (let attempt = 1; ; attempt++) {
      const r = await runGit(this.dir, [...this.#options, ...options, ...args], fullEnv, input);
      if (r.exitCode === 0) return r.stdout;
      if (attempt < RACE_TRIES && lostWorktreeRace(r)) {
        await sleep(attempt * 10);
        await beforeRetry?.();
        continue;
      }
      throw new GitCommandError(r.exitCode, `git ${args.join(' ')} (in ${this.dir}): ${r.stderr.trim()}`);
    }
  }

  /** Runs git, returning undefined when it answers "no" by exiting with 1. */
  async #attempt(args: readonly string[], options: readonly string[] = []): Promise<string | undefined> {
    try {
      return await this.#run(args, options);
    } catch (error) {
      if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
      throw error;
    }
  }
}

/**
 * Git reads every worktree's files (`.git/worktrees/<id>/commondir`, `gitdir`) in many commands (worktree
 * add, remove, move, list, branch -D, fetch) and dies when one is half-written or half-deleted by a git
 * process creating or removing that worktree at the same moment: "fatal: failed to read
 * .git/worktrees/<id>/commondir: Success". Such a command dies before it changes anything, so running
 * it again is safe; parallel tasks hit this every few hundred sandboxes. (Matched on the path, which
 * is never translated.)
 */
const WORKTREE_RACE = /worktrees\/[^\s/]+\/(?:commondir|gitdir)\b/;
const RACE_TRIES = 10;

function lostWorktreeRace(r: GitOutput): boolean {
  return r.exitCode === 128 && WORKTREE_RACE.test(r.stderr);
}

interface GitOutput {
  /** -1 when git was killed by a signal. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs git to its end. Plain child_process rather than a wrapper library: a task makes a handful of
 * git calls, and simple-git added 50 ms to every one that printed nothing (most of ours are `--quiet`).
 * Throws only when git could not be started (not installed) or printed more than fits in memory.
 */
function runGit(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...ALWAYS, ...args],
      { cwd, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ exitCode: 0, stdout, stderr });
        if (typeof error.code === 'number') return resolve({ exitCode: error.code, stdout, stderr });
        if (error.code == null && error.signal) return resolve({ exitCode: -1, stdout, stderr });
        // ENOENT is also what spawning in a folder that is gone gives (a task deleted its sandbox):
        // that must not read as "git is not installed".
        const message =
          error.code === 'ENOENT' && !existsSync(cwd)
            ? `cannot run git in ${cwd}: the folder does not exist (any more)`
            : `cannot run git: ${error.message}`;
        reject(new Error(message, { cause: error }));
      },
    );
    // Without input a command that would read stdin must see its end, not hang.
    child.stdin?.end(input);
  });
}

/** Pathspecs for exactly these paths relative to the top of the work tree, with more `magic` words. */
function literal(paths: readonly string[], magic = ''): string[] {
  return paths.map((path) => `:(top,literal${magic})${path}`);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

function nulSeparated(text: string): string[] {
  return text.split('\0').filter((entry) => entry !== '');
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}

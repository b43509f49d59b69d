import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gitDirsOf } from '../git/git-dirs.js';

/**
 * What of the user's repository a task can change from a sandbox (a worktree shares its git folder)
 * that takes effect in the user's own checkout: its config (`core.fsmonitor`, `core.hooksPath`,
 * aliases, filters: programs git runs there) and its hooks. Paths relative to the common git folder.
 */
const GUARDED = ['config', 'config.worktree', 'hooks'];

/** One guarded file, folder or symlink as it was. */
type Entry =
  | { kind: 'file'; mode: number; data: Buffer }
  | { kind: 'dir'; mode: number }
  | { kind: 'link'; target: string };

type Snapshot = Map<string, Entry>;

/** What a check found changed and put back, and where the changed copies are kept. */
export interface RepoChange {
  /** Paths relative to the repository's git folder, e.g. `hooks/pre-commit`. */
  paths: string[];
  /** The folder holding the files as they were changed (nothing is lost if the change was the user's). */
  keptIn: string;
}

/**
 * Watches the user's repository config and hooks while tasks run. Without OS isolation a task cannot
 * be kept from writing them, but a change is found after each attempt, undone, and reported: `check`
 * compares them with how they were at the start (or at the last check) and puts them back. Plain file
 * reads, no git process: 0.4 to 1.7 ms an attempt with git's 14 sample hooks (2 busy CPUs).
 *
 * The user may change them too (`git config` in their checkout while a run goes on), and the two
 * cannot be told apart by content. So a change is undone only when a task that can write there
 * (`expose`) ran since the last check, and the changed files are kept in the run's folder first;
 * when every task is jailed, a change can only be the user's and becomes the new baseline.
 */
export class RepoGuard {
  #baseline: Snapshot;
  #checking: Promise<unknown> = Promise.resolve();
  /** Tasks that can write the repository's git folder, running now. */
  #exposed = 0;
  /** Whether one ran since the last check (it may have ended before it). */
  #exposedSinceCheck = false;
  #kept = 0;

  private constructor(
    /** The repository's common git folder, or undefined when it could not be found (nothing is guarded). */
    readonly gitDir: string | undefined,
    baseline: Snapshot,
    /** Where the changed copies go, one numbered folder a check. */
    private readonly keepDir: string,
  ) {
    this.#baseline = baseline;
  }

  /** Takes the snapshot of the repository at `repoRoot` that later checks compare with. */
  static async take(repoRoot: string, keepDir: string): Promise<RepoGuard> {
    const gitDir = (await gitDirsOf(repoRoot))?.commonDir;
    return new RepoGuard(gitDir, gitDir === undefined ? new Map<string, Entry>() : snapshot(gitDir), keepDir);
  }

  /** Says that a task able to write the repository's git folder runs until the returned call. */
  expose(): () => void {
    this.#exposed += 1;
    this.#exposedSinceCheck = true;
    let released = false;
    return () => {
      if (!released) this.#exposed -= 1;
      released = true;
    };
  }

  /**
   * Puts back whatever of the config and hooks a task may have changed since the snapshot and says
   * what, or nothing. Checks run one at a time: parallel tasks share one repository.
   */
  check(): Promise<RepoChange | undefined> {
    const next = this.#checking.then(() => this.#check());
    this.#checking = next.catch(() => undefined);
    return next;
  }

  async #check(): Promise<RepoChange | undefined> {
    if (this.gitDir === undefined) return undefined;
    const exposed = this.#exposed > 0 || this.#exposedSinceCheck;
    this.#exposedSinceCheck = false;
    const now = snapshot(this.gitDir);
    const changed = [...new Set([...this.#baseline.keys(), ...now.keys()])].filter(
      (path) => !sameEntry(this.#baseline.get(path), now.get(path)),
    );
    if (changed.length === 0) return undefined;
    if (!exposed) {
      this.#baseline = now;
      return undefined;
    }
    this.#kept += 1;
    const keptIn = join(this.keepDir, `${Date.now()}-${this.#kept}`);
    await keep(keptIn, now, changed);
    await restore(this.gitDir, this.#baseline, now, changed);
    return { paths: changed.sort(), keptIn };
  }
}

/** The message of an attempt that changed the repository: what changed, and that it was undone. */
export function repoChangedMessage(gitDir: string, change: RepoChange, by: 'task' | 'run' = 'task'): string {
  const shown = change.paths.slice(0, 5).map((path) => join(gitDir, path));
  const more = change.paths.length > shown.length ? ` and ${change.paths.length - shown.length} more` : '';
  const who = by === 'task' ? 'the task' : 'a setup command, gate or resolver of the run';
  const outcome = by === 'task' ? ', so the attempt fails' : '';
  return (
    `${who} changed the repository's ${shown.join(', ')}${more}, which your own checkout uses ` +
    `(they are shared with the sandbox); orchestra put them back as they were${outcome}. ` +
    `The changed files are kept in ${change.keptIn}: if the change was yours, copy them back`
  );
}

/**
 * Reads the guarded files. Synchronously: a couple of dozen small files are read faster than the
 * asynchronous calls would take to be scheduled (1.5 ms against 5 on a busy machine).
 */
function snapshot(gitDir: string): Snapshot {
  const entries: Snapshot = new Map();
  const visit = (path: string): void => {
    const full = join(gitDir, path);
    const info = lstatSync(full, { throwIfNoEntry: false });
    if (info === undefined) return;
    if (info.isSymbolicLink()) {
      entries.set(path, { kind: 'link', target: readlinkSync(full) });
    } else if (info.isDirectory()) {
      entries.set(path, { kind: 'dir', mode: info.mode & 0o7777 });
      for (const name of readdirSync(full).sort()) visit(join(path, name));
    } else {
      entries.set(path, { kind: 'file', mode: info.mode & 0o7777, data: readFileSync(full) });
    }
  };
  for (const path of GUARDED) visit(path);
  return entries;
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'link') return b.kind === 'link' && a.target === b.target;
  if (a.kind === 'dir') return b.kind === 'dir' && a.mode === b.mode;
  return b.kind === 'file' && a.mode === b.mode && a.data.equals(b.data);
}

/** Writes the changed files and symlinks as they are `now` under `dir`, by their path in the git folder. */
async function keep(dir: string, now: Snapshot, changed: string[]): Promise<void> {
  for (const path of changed) {
    const entry = now.get(path);
    if (entry?.kind !== 'file' && entry?.kind !== 'link') continue;
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    if (entry.kind === 'link') await symlink(entry.target, full);
    else await writeFile(full, entry.data, { mode: entry.mode });
  }
}

/** Makes the `changed` paths under `gitDir` what `was` says again: removed when they did not exist. */
async function restore(gitDir: string, was: Snapshot, now: Snapshot, changed: string[]): Promise<void> {
  // Deepest first, so a folder that is to go is empty by then, and one to make comes before its files.
  for (const path of [...changed].sort().reverse()) {
    const current = now.get(path);
    const before = was.get(path);
    if (current === undefined) continue;
    if (before === undefined || before.kind !== current.kind || before.kind === 'link')
      await rm(join(gitDir, path), { recursive: true, force: true });
  }
  for (const path of [...changed].sort()) {
    const before = was.get(path);
    const full = join(gitDir, path);
    if (before?.kind === 'dir') {
      await mkdir(full, { recursive: true });
      await chmod(full, before.mode);
    } else if (before?.kind === 'link') {
      await symlink(before.target, full);
    } else if (before?.kind === 'file') {
      // Written beside and renamed over, so git never reads half a config.
      const temporary = `${full}.orchestra-restore`;
      await writeFile(temporary, before.data, { mode: before.mode });
      await chmod(temporary, before.mode);
      await rename(temporary, full);
    }
  }
}

import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { gitDirsOf } from '../git/git-dirs.js';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { checkRunRecord } from './check-run-record.js';
import { RunPaths, runIdSecond, runsDir } from './run-paths.js';
import type { RunRecord } from './run-state.js';

/**
 * The durable record of runs. Every write replaces run.json atomically (write to a temp file,
 * fsync, rename): a kill -9 at any moment leaves the previous or the next state, never half of one.
 */
export class RunStore {
  readonly paths: RunPaths;
  #release: (() => Promise<void>) | undefined;
  /** run.json as this store last wrote it (only this process writes a run it holds). */
  #saved: string | undefined;

  constructor(
    readonly repoRoot: string,
    readonly runId: string,
  ) {
    this.paths = new RunPaths(join(runsDir(repoRoot), runId));
  }

  /**
   * Creates the run folder and keeps `.orchestra/` out of git without touching tracked files. Fails
   * (as a value: nothing has started yet) when the folder cannot be written.
   */
  async create(record: RunRecord, resolvedWorkflow: unknown): Promise<Result<void, string>> {
    try {
      await mkdir(this.paths.dir, { recursive: true });
      // run.json last: a run folder without it is no run, and one with it has its workflow.
      await Promise.all([
        excludeFromGit(this.repoRoot, excludedFolders(this.repoRoot, record.sandboxRoot)),
        replaceFile(this.paths.workflow, `${JSON.stringify(resolvedWorkflow, null, 2)}\n`),
      ]);
      await this.save(record);
      return ok(undefined);
    } catch (e) {
      return err(`cannot record the run in ${this.#shown(this.paths.dir)}: ${describe(e)}`);
    }
  }

  /**
   * Writes the record as it is at the moment of the call (it is serialised before anything waits).
   * A record this store wrote already, unchanged, is not written again: run.json holds it.
   */
  async save(record: RunRecord): Promise<void> {
    const text = `${JSON.stringify(record, null, 2)}\n`;
    if (text === this.#saved) return;
    await replaceFile(this.paths.state, text);
    this.#saved = text;
  }

  /** The record, checked: a damaged, truncated or foreign run.json is an error saying what is wrong. */
  async load(): Promise<Result<RunRecord, string>> {
    const file = this.#shown(this.paths.state);
    let text: string;
    try {
      text = await readFile(this.paths.state, 'utf8');
    } catch (e) {
      return err(`cannot read ${file}: ${describe(e)}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return err(`${file} is damaged: it is not valid JSON (${(e as Error).message})`);
    }
    const problem = checkRunRecord(value, this.runId);
    return problem ? err(`${file} ${problem}`) : ok(value as RunRecord);
  }

  /** The resolved workflow the run was started with, or why it cannot be read. */
  async loadWorkflow(): Promise<Result<unknown, string>> {
    const file = this.#shown(this.paths.workflow);
    try {
      const value = JSON.parse(await readFile(this.paths.workflow, 'utf8')) as unknown;
      return value !== null && typeof value === 'object'
        ? ok(value)
        : err(`${file} is damaged: it is not a JSON object`);
    } catch (e) {
      return e instanceof SyntaxError
        ? err(`${file} is damaged: it is not valid JSON`)
        : err(`cannot read ${file}: ${describe(e)}`);
    }
  }

  /** A path as messages show it: relative to the repository. */
  #shown(path: string): string {
    return relative(this.repoRoot, path);
  }

  /**
   * Takes the run's lock for as long as this process works on it. A lock held by a live process is
   * refused; one left by a dead process (kill -9) is taken over at once: its owner's pid is checked,
   * not only the lock's age.
   */
  async lock(): Promise<Result<void, string>> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.#release = await lockfile.lock(this.paths.dir, LOCK_OPTIONS(this.paths.lock));
        await writeFile(this.#owner, JSON.stringify({ pid: process.pid, host: hostname() }));
        return ok(undefined);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
        if (attempt > 0 || (await this.isLocked()))
          return err(`run ${this.runId} is in use by another orchestra process`);
        await rm(this.paths.lock, { recursive: true, force: true });
      }
    }
  }

  async unlock(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    if (!release) return;
    await rm(this.#owner, { force: true });
    await release();
  }

  /** Who holds the lock: beside the lock folder, which proper-lockfile wants empty. */
  get #owner(): string {
    return `${this.paths.lock}.owner`;
  }

  /**
   * The pid of the live orchestra process on this machine that holds the run, if one does: who
   * `orchestra cancel` asks to stop.
   */
  async holder(): Promise<number | undefined> {
    if (!existsSync(this.paths.lock)) return undefined;
    try {
      const owner = JSON.parse(await readFile(this.#owner, 'utf8')) as { pid: number; host: string };
      return owner.host === hostname() && processExists(owner.pid) ? owner.pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether a live process holds this run. */
  async isLocked(): Promise<boolean> {
    if (!existsSync(this.paths.lock)) return false;
    try {
      const owner = JSON.parse(await readFile(this.#owner, 'utf8')) as { pid: number; host: string };
      if (owner.host === hostname()) return processExists(owner.pid);
    } catch {
      // No owner yet (being taken this instant) or another host: fall back to the lock's age.
    }
    return lockfile.check(this.paths.dir, LOCK_OPTIONS(this.paths.lock));
  }

  /** Recorded run ids, newest first. */
  static async list(repoRoot: string): Promise<string[]> {
    const dir = runsDir(repoRoot);
    // Not a folder (a file in the way): no runs can be recorded there; `run` says why when it tries.
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
    const entries = await readdir(dir, { withFileTypes: true });
    const ids = entries
      .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'run.json')))
      .map((e) => e.name);
    // A run's id starts with the second it started in (newRunId): only runs of the same second, and
    // ids of another form, are ordered by the start time they recorded. Reading every record took a
    // new run's start ~1 ms a recorded run (for the durations of the latest).
    const seconds = new Map(ids.map((id) => [id, runIdSecond(id)]));
    const runsIn = new Map<number | undefined, number>();
    for (const second of seconds.values()) runsIn.set(second, (runsIn.get(second) ?? 0) + 1);
    const runs = await Promise.all(
      ids.map(async (id) => {
        const second = seconds.get(id);
        if (second !== undefined && runsIn.get(second) === 1) return { id, startedAt: second };
        const record = await new RunStore(repoRoot, id).load();
        return { id, startedAt: record.ok ? record.value.startedAt : (second ?? 0) };
      }),
    );
    return runs.sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id)).map((r) => r.id);
  }
}

/**
 * Replaces `path` with `text` atomically (temporary file, fsync, rename): a kill -9 leaves the old
 * file or the new one, never a mix. About 1 ms more per write than a bare rename here; writes that
 * pile up while one is in flight are coalesced by the journal, so this is not on the hot path.
 */
function replaceFile(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, text);
}

const LOCK_OPTIONS = (lockfilePath: string) => ({
  lockfilePath,
  realpath: false,
  retries: 0,
  stale: 30_000,
  update: 5_000,
  // A lock lost to a stalled clock or a full disk must not crash the run; the pid check still holds.
  onCompromised: () => undefined,
});

/** An fs error as users read it: its code (EACCES, ENOSPC…) says what is wrong. */
function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const meaning: Record<string, string> = {
    ENOENT: 'it does not exist',
    ENOTDIR: 'a file is in the way of a folder (ENOTDIR)',
    EACCES: 'permission denied (EACCES)',
    EPERM: 'permission denied (EPERM)',
    EROFS: 'the file system is read-only (EROFS)',
    ENOSPC: 'the disk is full (ENOSPC)',
    EISDIR: 'it is a folder (EISDIR)',
  };
  return (code && meaning[code]) ?? code ?? String(e);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What orchestra writes inside the repository: `.orchestra/`, and the sandboxes when `sandbox.dir`
 * puts them there (they would show as untracked otherwise), as lines of an exclude file.
 */
function excludedFolders(repoRoot: string, sandboxRoot: string): string[] {
  const inside = relative(repoRoot, sandboxRoot);
  const within = inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  return ['/.orchestra/', ...(within ? [`/${inside.split(sep).join('/')}/`] : [])];
}

async function excludeFromGit(repoRoot: string, folders: readonly string[]): Promise<void> {
  const gitDir = await commonGitDir(repoRoot);
  if (gitDir === undefined) return;
  const exclude = join(gitDir, 'info', 'exclude');
  await mkdir(join(gitDir, 'info'), { recursive: true });
  const current = existsSync(exclude) ? await readFile(exclude, 'utf8') : '';
  const present = new Set(current.split('\n').map((l) => l.trim()));
  const missing = folders.filter((f) => !present.has(f));
  if (missing.length === 0) return;
  const lines = missing.map((f) => `${f}\n`).join('');
  await (current === ''
    ? writeFile(exclude, lines)
    : appendFile(exclude, `${current.endsWith('\n') ? '' : '\n'}${lines}`));
}

/**
 * The git folder whose `info/exclude` applies to the work tree at `repoRoot`. In a linked worktree
 * (or a submodule) `.git` is a file naming the worktree's own git folder, whose `commondir` names
 * the repository's: git reads `info/exclude` only there, so an exclude written anywhere else would
 * leave `.orchestra/` untracked, one `git add -A` away from being committed by the user.
 * Undefined when none is found (the records then show as untracked; nothing else is affected).
 */
async function commonGitDir(repoRoot: string): Promise<string | undefined> {
  const dir = (await gitDirsOf(repoRoot))?.commonDir;
  return dir !== undefined && existsSync(join(dir, 'HEAD')) ? dir : undefined;
}

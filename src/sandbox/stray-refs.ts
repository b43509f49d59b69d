import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitDirsOf } from '../git/git-dirs.js';
import type { Git } from '../git/git.js';

/**
 * Where a worktree sandbox's own HEAD log was when its task started: what the task did with HEAD
 * afterwards (branches it checked out, commits it made) is read from there. A worktree shares every
 * ref but HEAD with the user's repository, so an agent's `git stash` or `git checkout -b x` lands in
 * the user's stash and branch list.
 */
export interface SandboxTrail {
  /** The worktree's own git folder (`.git/worktrees/<name>` of the user's repository). */
  gitDir: string;
  /** The repository's common git folder. */
  commonDir: string;
  /** Bytes of `logs/HEAD` written before the task started. */
  offset: number;
  /** The task branch: orchestra's, never a stray. */
  branch: string;
  /** When the task started, in seconds: older stash entries are never the task's. */
  since: number;
  /**
   * The refs that existed when the task started (undefined: not known). A reflog's time has whole
   * seconds: a branch the user made in the second the task started looks "created since" by its log
   * alone. Kept in the worktree's own git folder too, for `clean` of a sandbox a killed run left.
   */
  existing?: ReadonlySet<string>;
}

/**
 * Reads where a worktree sandbox is; undefined for a folder that is no linked worktree. With `whole`
 * (a sandbox a killed run left), the trail starts where the worktree's HEAD log does.
 */
export async function startTrail(
  path: string,
  branch: string,
  whole = false,
): Promise<SandboxTrail | undefined> {
  const dirs = await gitDirsOf(path);
  // Only a linked worktree shares the user's refs.
  if (dirs === undefined || dirs.gitDir === dirs.commonDir) return undefined;
  const { gitDir, commonDir } = dirs;
  const headLog = join(gitDir, 'logs', 'HEAD');
  const saved = join(gitDir, STARTING_REFS);
  if (whole) {
    const first = parseLog(await readFile(headLog, 'utf8').catch(() => ''))[0];
    const existing = await readFile(saved, 'utf8').then(
      (text) => new Set(text.split('\n')),
      () => undefined,
    );
    return (
      first && { gitDir, commonDir, offset: 0, branch, since: first.time, ...(existing && { existing }) }
    );
  }
  const since = Math.floor(Date.now() / 1000);
  const offset = (await stat(headLog).catch(() => undefined))?.size ?? 0;
  const existing = await refNames(commonDir);
  await writeFile(saved, [...existing].join('\n')).catch(() => undefined);
  return { gitDir, commonDir, offset, branch, since, existing };
}

/** The refs that existed when the task started, in the worktree's own git folder. */
const STARTING_REFS = 'orchestra-starting-refs';

/** Every ref of the repository, loose or packed, read from its files (no git process). */
async function refNames(commonDir: string): Promise<Set<string>> {
  const packed = await readFile(join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
  const names = new Set(
    packed.split('\n').flatMap((l) => /^[0-9a-f]{40,64} (refs\/\S+)$/.exec(l)?.[1] ?? []),
  );
  const loose = await readdir(join(commonDir, 'refs'), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  for (const entry of loose) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(commonDir.length + 1);
    names.add(path);
  }
  return names;
}

/** What was found to be the task's and removed. */
export interface StrayRefs {
  refs: string[];
  stashes: string[];
}

/**
 * Removes from the user's repository (`repo`) the refs and stash entries the task of `trail` made:
 * - a branch created since the task started that the sandbox checked out (its HEAD log says
 *   "checkout: moving from … to x") and that points at a commit the sandbox's HEAD was at;
 * - with `madeHere`, any other ref created since the task started that points at a commit the task
 *   made (its HEAD log says "commit", "merge", "cherry-pick", "rebase", "revert"), except
 *   orchestra's own commits;
 * - a stash entry made since the task started on the task branch or one of those branches ("WIP on
 *   x:"), whose parent the sandbox's HEAD was at, or on a detached HEAD at a commit the task made.
 * "Created since the task started" is what the ref's own log says; a ref is deleted only if it is
 * still at the commit that was read. A sandbox whose HEAD is on a ref
 * that goes is detached at that commit first, its files left as they are. Not found: a ref made at a
 * commit the task did not make (`git branch x` at the start commit), a branch or stash entry of the
 * user's that the task moved or deleted, a ref without a log (`core.logAllRefUpdates` off), anything done outside the sandbox's HEAD (another worktree the task made).
 */
export async function removeStrayRefs(
  repo: Git,
  sandbox: Git,
  trail: SandboxTrail,
  madeHere: boolean,
): Promise<StrayRefs> {
  const log = await readFile(join(trail.gitDir, 'logs', 'HEAD')).catch(() => Buffer.alloc(0));
  const moves = parseLog(log.subarray(trail.offset).toString('utf8'));
  const branches = new Set(
    moves.flatMap((m) => /^checkout: moving from (\S+) to (\S+)$/.exec(m.message)?.slice(1) ?? []),
  );
  branches.delete(trail.branch);
  branches.delete('HEAD');
  // A branch of the user's that the task merely checked out is not the task's, nor is what is on it.
  for (const name of branches) if (!(await createdSince(trail, `refs/heads/${name}`))) branches.delete(name);
  const visited = new Set(moves.flatMap((m) => [m.from, m.to]));
  const made = new Set(
    moves
      .filter((m) => /^(?:commit|merge|cherry-pick|rebase|revert)\b/.test(m.message))
      .filter((m) => !m.message.startsWith('commit: orchestra: '))
      .map((m) => m.to),
  );
  if (!madeHere) made.clear();
  const stashes = await removeStashes(repo, trail, branches, visited, made);
  if (branches.size === 0 && made.size === 0) return { refs: [], stashes };

  const head = (await readFile(join(trail.gitDir, 'HEAD'), 'utf8').catch(() => '')).trim();
  const refs: string[] = [];
  for (const { ref, object, commit } of await repo.listRefs()) {
    if (ref === 'refs/stash' || ref.startsWith('refs/heads/orchestra/tasks/')) continue;
    const checkedOut = ref.startsWith('refs/heads/') && branches.has(ref.slice('refs/heads/'.length));
    if (!(checkedOut && visited.has(commit)) && !made.has(commit)) continue;
    // A ref of the user's that the task moved is not the task's to delete.
    if (!checkedOut && !(await createdSince(trail, ref))) continue;
    if (head === `ref: ${ref}`) await sandbox.detachHead(commit);
    if (await repo.deleteRef(ref, object)) refs.push(ref);
  }
  return { refs, stashes };
}

/** Whether `ref`'s own log begins with its creation after the task started (no log: not known). */
async function createdSince(trail: SandboxTrail, ref: string): Promise<boolean> {
  if (trail.existing?.has(ref)) return false;
  const log = await readFile(join(trail.commonDir, 'logs', ref), 'utf8').catch(() => '');
  const first = parseLog(log.slice(0, log.indexOf('\n') + 1))[0];
  return first !== undefined && /^0+$/.test(first.from) && first.time >= trail.since;
}

interface Move {
  from: string;
  to: string;
  time: number;
  message: string;
}

/** The entries of a reflog: `<old> <new> <who> <seconds> <zone>\t<message>`. */
function parseLog(text: string): Move[] {
  return text.split('\n').flatMap((line) => {
    const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) .*? (\d+) [+-]\d{4}\t(.*)$/.exec(line);
    return m ? [{ from: m[1]!, to: m[2]!, time: Number(m[3]), message: m[4]! }] : [];
  });
}

/** Drops the task's stash entries (see `removeStrayRefs`); returns their messages. */
async function removeStashes(
  repo: Git,
  trail: SandboxTrail,
  branches: ReadonlySet<string>,
  visited: ReadonlySet<string>,
  made: ReadonlySet<string>,
): Promise<string[]> {
  const log = await readFile(join(trail.commonDir, 'logs', 'refs', 'stash'), 'utf8').catch(() => '');
  if (log === '') return [];
  const entries = parseLog(log);
  const named = (message: string) => /^(?:WIP on|On) (.+?): /.exec(message)?.[1];
  const candidates = entries
    .map((entry, line) => ({ ...entry, line, on: named(entry.message) }))
    .filter((e) => e.time >= trail.since && e.on !== undefined)
    .filter((e) => e.on === '(no branch)' || e.on === trail.branch || branches.has(e.on!));
  if (candidates.length === 0) return [];
  const parents = await repo.firstParents(candidates.map((e) => e.to));
  const ours = candidates.filter((e, i) =>
    e.on === '(no branch)' ? made.has(parents[i]!) : visited.has(parents[i]!),
  );
  const dropped: string[] = [];
  // Oldest first: dropping `stash@{n}` renumbers only the entries older than it.
  for (const entry of ours) {
    const n = entries.length - 1 - entry.line;
    if ((await repo.resolveCommit(`stash@{${n}}`)) !== entry.to) continue;
    await repo.dropStash(n);
    dropped.push(entry.message);
  }
  return dropped;
}

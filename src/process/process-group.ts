import { readlinkSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Sends `signal` to every process in the group `pgid` (a child spawned detached leads its own group, so
 * this reaches its whole tree unless a descendant left the group on purpose). Signal 0 only checks that
 * the group exists. False once the group is gone.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (isErrno(error, 'ESRCH')) return false;
    // EPERM: a member changed its uid (setuid binary); it exists, we just cannot signal it.
    if (isErrno(error, 'EPERM')) return true;
    throw error;
  }
}

/**
 * Whether the group still has a process that is not a zombie. An exited orphan stays a zombie until
 * init reaps it, and some container inits never do: counting zombies would make every wait last the
 * whole grace period. Where /proc is missing, any member (zombie or not) counts.
 */
export async function groupHasLiveMembers(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  const members = await liveGroupMembers(pgid, true);
  return members === undefined || members.length > 0;
}

/**
 * The processes of group `pgid` that are not zombies, as read from /proc (undefined where it cannot
 * be read). `first`: stop at the first one found.
 */
export async function liveGroupMembers(pgid: number, first = false): Promise<number[] | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Fields after the command name, which is in parentheses and may itself contain ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
    members.push(Number(entry));
    if (first) break;
  }
  return members;
}

/**
 * Terminates one process group the polite way: SIGTERM to all, then SIGKILL to all after `graceMs`.
 * Registered groups are also SIGKILLed if this process exits first (see `liveGroups`).
 */
export class GroupTerminator {
  #termSent = false;
  #killSent = false;
  #killTimer: NodeJS.Timeout | undefined;
  readonly #unregister: () => void;

  constructor(
    readonly pgid: number,
    private readonly graceMs: number,
  ) {
    this.#unregister = registerLiveGroup(pgid);
  }

  /** Starts termination (idempotent). */
  terminate(): void {
    if (this.#termSent) return;
    this.#termSent = true;
    if (!signalGroup(this.pgid, 'SIGTERM')) return;
    this.#killTimer = setTimeout(() => this.#kill(), this.graceMs);
  }

  /**
   * Resolves when no live process is left in the group, or shortly after SIGKILL was sent (a process that
   * survives SIGKILL is stuck in the kernel; waiting longer would not help). Stops the group's tracking.
   */
  async settle(): Promise<void> {
    let waitedAfterKill = 0;
    while (await groupHasLiveMembers(this.pgid)) {
      // Members still alive that nobody asked to leave: they outlived their leader, ask them now.
      this.terminate();
      if (this.#killSent) {
        if (waitedAfterKill >= 2000) break;
        waitedAfterKill += 20;
      }
      await sleep(20);
    }
    // Once the group is empty its id may be reused: a late SIGKILL could hit a stranger.
    clearTimeout(this.#killTimer);
    this.#unregister();
  }

  #kill(): void {
    this.#killSent = true;
    signalGroup(this.pgid, 'SIGKILL');
  }
}

/**
 * What the open file descriptors `fds` of process `pid` point at (`socket:[123]`, `pipe:[456]`), as
 * far as they can be read: a process that exited already has none.
 */
export function fileHandles(pid: number, fds: readonly number[]): string[] {
  return fds.flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

/**
 * The processes other than this one that hold any of `handles` (see `fileHandles`) open. Empty where
 * /proc cannot be read.
 */
export async function handleHolders(handles: ReadonlySet<string>): Promise<number[]> {
  if (handles.size === 0) return [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const holders: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${entry}/fd`);
    } catch {
      continue; // exited while we looked, or not ours to look at
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (handles.has(target)) {
        holders.push(Number(entry));
        break;
      }
    }
  }
  return holders;
}

/** Sends `signal` to each process; those gone already are skipped. */
export function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone, or not ours
    }
  }
}

const liveGroups = new Set<number>();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function registerLiveGroup(pgid: number): () => void {
  if (liveGroups.size === 0) installExitHooks();
  liveGroups.add(pgid);
  return () => {
    if (!liveGroups.delete(pgid)) return;
    if (liveGroups.size === 0) removeExitHooks();
  };
}

/**
 * A detached child does not die with us, and execa's `cleanup` option is disabled for detached children.
 * So when this process exits, or is killed by a signal nobody else handles, the groups still running are
 * SIGKILLed (there is no time left for SIGTERM and a grace period). Only SIGKILL of this process itself
 * leaves them behind.
 */
function killLiveGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

function onExitSignal(signal: NodeJS.Signals): void {
  // Another listener (the CLI's Ctrl-C handler) owns this signal: it cancels runs properly. Those of
  // signal-exit (proper-lockfile's, to drop its locks) do not count: they leave the signal to any other
  // listener in turn, and with ours deferring to them nobody would act on it: the process would ignore
  // SIGTERM or SIGHUP, its groups running on.
  if (process.listenerCount(signal) - signalExitListeners() > 1) return;
  killLiveGroups();
  removeExitHooks();
  // Die of the same signal, as we would have without our listener.
  process.kill(process.pid, signal);
}

/**
 * How many listeners signal-exit has on each signal: one per loaded copy, counted where v3
 * (`process.__signal_exit_emitter__`) and v4 (a global symbol) keep that count for each other.
 */
function signalExitListeners(): number {
  const count = (emitter: unknown): number =>
    typeof emitter === 'object' && emitter !== null && 'count' in emitter && typeof emitter.count === 'number'
      ? emitter.count
      : 0;
  const v3 = (process as { __signal_exit_emitter__?: unknown }).__signal_exit_emitter__;
  const v4 = (globalThis as Record<symbol, unknown>)[Symbol.for('signal-exit emitter')];
  return count(v3) + count(v4);
}

function installExitHooks(): void {
  process.on('exit', killLiveGroups);
  for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
}

function removeExitHooks(): void {
  process.off('exit', killLiveGroups);
  for (const signal of EXIT_SIGNALS) process.off(signal, onExitSignal);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

// Plain child_process: execa's own setup took the main thread ~3 ms more a process (bench 7), on top
// of the synchronous fork every process costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { OutputSink, type LogError } from './output-sink.js';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GroupTerminator,
  fileHandles,
  groupHasLiveMembers,
  handleHolders,
  signalEach,
} from './process-group.js';

/** What to run, where, and how to watch it. */
export interface RunProcessOptions {
  /**
   * `argv`: run the program directly, no shell (agents: their prompt must never meet a shell parser).
   * `shell`: a command line the user wrote, run as `/bin/sh -c <shell>` (gates, `run:` tasks, setup).
   */
  command: { argv: readonly string[] } | { shell: string };
  cwd: string;
  /** Merged over process.env. */
  env: Record<string, string>;
  /** Written to the child's stdin, which is then closed. Without it stdin is /dev/null. */
  stdin?: string;
  /** stdout and stderr are appended here as they arrive (parent folders are created). */
  logFile: string;
  /** Kill the process tree after this long: outcome `timed-out`. */
  timeoutMs?: number;
  /** Abort = cancel (Ctrl-C): the process tree is killed, outcome `cancelled`. */
  signal?: AbortSignal;
  /** Time between SIGTERM and SIGKILL when killing the tree (default 5000). */
  killGraceMs?: number;
  /**
   * Each complete output line (stdout and stderr each split on their own), cut to ~500 characters, for a
   * live "last line" display. Called synchronously while output flows: keep it cheap.
   */
  onLine?: (line: string) => void;
  /** Hand `onLine` only the newest complete line of each chunk of output (enough for a live display). */
  latestLineOnly?: boolean;
  /** Called once the process started, with its process group id (its pid: it leads its own group). */
  onStart?: (pgid: number) => void;
}

/** How a process ended. */
export type ProcessOutcome =
  /** It exited by itself with this code. */
  | { kind: 'exited'; exitCode: number }
  /** It died of a signal nobody here sent (OOM killer, a crash, someone's `kill`). */
  | { kind: 'signaled'; signal: string }
  /** It ran past `timeoutMs`; its tree was killed. */
  | { kind: 'timed-out' }
  /** `signal` was aborted; its tree was killed (or it never started). */
  | { kind: 'cancelled' }
  /**
   * It could not be started; `message` says why (which program was not found, which folder is missing).
   * `cause` singles out a program that is not there and a command line too long for the OS (E2BIG).
   */
  | { kind: 'spawn-failed'; message: string; cause?: 'not-found' | 'too-long' };

/** How a run ended and what it printed, as far as kept in memory (the whole output is in the log). */
export interface ProcessResult {
  outcome: ProcessOutcome;
  durationMs: number;
  /** The last ~16 KB of the combined output. */
  tail: string;
  /** The first ~4 KB of the combined output (some agents print their session id only at the start). */
  head: string;
  /**
   * Set when the log file could not be written completely. On a full disk the process tree was
   * terminated (it would only run on to fail), and the log holds the output's tail.
   */
  logError?: LogError;
}

const DEFAULT_KILL_GRACE_MS = 5000;

/**
 * Runs one process to completion and never throws for anything the process or the user's environment
 * did: every ending is a `ProcessOutcome`.
 *
 * The child leads its own process group, so a timeout or cancel reaches the whole tree (a shell's
 * grandchildren included): SIGTERM to the group, SIGKILL after `killGraceMs`. Processes left in the group
 * when the child exits are terminated the same way, since they would hold its output pipes open or
 * outlive the sandbox they run in. Resolves only once the tree is gone and the output is on disk.
 */
export async function runProcess(opts: RunProcessOptions): Promise<ProcessResult> {
  const started = performance.now();
  const [file, ...args] = 'argv' in opts.command ? opts.command.argv : ['/bin/sh', '-c', opts.command.shell];
  const early = (outcome: ProcessOutcome): ProcessResult => ({
    outcome,
    durationMs: Math.round(performance.now() - started),
    tail: '',
    head: '',
  });

  if (file === undefined || file === '') return early({ kind: 'spawn-failed', message: 'empty command' });
  const cwdProblem = await checkCwd(opts.cwd);
  if (cwdProblem !== undefined) return early({ kind: 'spawn-failed', message: cwdProblem });
  const opened = await OutputSink.open(opts.logFile, opts.onLine, opts.latestLineOnly === true);
  if (!opened.ok) return early({ kind: 'spawn-failed', message: opened.message });
  const sink = opened.sink;
  if (opts.signal?.aborted === true) {
    await sink.close();
    return early({ kind: 'cancelled' });
  }

  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  let child: ChildProcess;
  try {
    child = spawn(file, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Own process group: the handle to kill the whole tree.
      detached: true,
      windowsHide: true,
    });
  } catch (error) {
    // Some failures (E2BIG) are thrown rather than emitted.
    await sink.close();
    return early(spawnFailure(file, error));
  }
  let spawnError: unknown;
  const closed = new Promise<void>((resolve) => {
    child.once('error', (error) => (spawnError ??= error));
    child.once('close', () => resolve());
  });
  if (child.stdin) {
    // A child that exits without reading its input closes the pipe under us: not our failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin);
  }
  if (child.stdout) sink.attach(child.stdout);
  if (child.stderr) sink.attach(child.stderr);
  const pid = child.pid;
  if (pid !== undefined) opts.onStart?.(pid);
  const terminator = pid === undefined ? undefined : new GroupTerminator(pid, graceMs);
  // Why the tree was killed while its leader ran: the outcome then, whatever the leader exited with.
  let killedFor: 'timed-out' | 'cancelled' | undefined;
  const kill = (why: 'timed-out' | 'cancelled') => {
    killedFor ??= why;
    terminator?.terminate();
  };
  const timer =
    opts.timeoutMs === undefined ? undefined : setTimeout(() => kill('timed-out'), opts.timeoutMs);
  const onAbort = () => kill('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stopWatching = () => {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  };
  if (terminator !== undefined) {
    sink.whenFileFails(() => {
      if (sink.logError?.diskFull === true) terminator.terminate();
    });
    // The child's ends of its output pipes, read now while it has surely not exited yet: through them
    // a process that left its group but holds them open is found (see `releaseOutput`).
    const handles = new Set(fileHandles(terminator.pgid, [1, 2]));
    const streams = [child.stdout, child.stderr].filter((s) => s !== null);
    child.once('exit', () => {
      stopWatching();
      void releaseOutput(streams, terminator, handles, graceMs);
    });
  }

  await closed;
  stopWatching();
  await terminator?.settle();
  await sink.close();

  let outcome: ProcessOutcome;
  if (spawnError !== undefined) outcome = spawnFailure(file, spawnError);
  else if (killedFor !== undefined) outcome = { kind: killedFor };
  else if (child.exitCode !== null) outcome = { kind: 'exited', exitCode: child.exitCode };
  else outcome = { kind: 'signaled', signal: child.signalCode ?? 'unknown' };

  return {
    outcome,
    durationMs: Math.round(performance.now() - started),
    tail: sink.tail(),
    head: sink.head(),
    ...(sink.logError === undefined ? {} : { logError: sink.logError }),
  };
}

/** How long, after SIGKILL, holders of the output pipes get to let go before our ends are closed. */
const RELEASE_AFTER_KILL_MS = 2000;

/**
 * Once the child exited, its output pipes end when the last process holding them is gone. Leftovers
 * in its group (a background job of a shell) are terminated. A process that left the group (`setsid`,
 * a daemon started without redirecting its output) would hold them open for as long as it lives, and
 * the run would wait with it, past any timeout: it is terminated too (SIGTERM, SIGKILL after
 * `graceMs`), found through `handles`. Should the pipes still not end (no /proc, or the child exited
 * before its handles were read), our ends are closed: what the holder prints later is lost, not the
 * run. Never rejects.
 */
async function releaseOutput(
  streams: readonly Readable[],
  terminator: GroupTerminator,
  handles: ReadonlySet<string>,
  graceMs: number,
): Promise<void> {
  try {
    if (await groupHasLiveMembers(terminator.pgid)) terminator.terminate();
    await terminator.settle();
    const ended = Promise.all(streams.map((s) => finished(s).then(noop, noop)));
    const endsWithin = async (ms: number): Promise<boolean> => {
      const timer = new AbortController();
      const late = sleep(ms, false, { signal: timer.signal }).catch(noop);
      const done = await Promise.race([ended.then(() => true), late]);
      timer.abort(); // a pending timer would keep the process alive
      return done === true;
    };
    // What the group wrote before it died may still be in the pipes: that takes a moment to read.
    if (await endsWithin(100)) return;
    signalEach(await handleHolders(handles), 'SIGTERM');
    if (await endsWithin(graceMs)) return;
    const holders = await handleHolders(handles);
    signalEach(holders, 'SIGKILL');
    // Known handles that nobody holds any more: the pipes end by themselves once read.
    if (handles.size > 0 && holders.length === 0) return;
    if (await endsWithin(RELEASE_AFTER_KILL_MS)) return;
    for (const stream of streams) stream.destroy();
  } catch {
    // Reading /proc failed in an unforeseen way: the pipes are left to end by themselves.
  }
}

function noop(): void {}

async function checkCwd(cwd: string): Promise<string | undefined> {
  try {
    if (!(await stat(cwd)).isDirectory()) return `working directory is not a directory: ${cwd}`;
    return undefined;
  } catch {
    return `working directory does not exist: ${cwd}`;
  }
}

function spawnFailure(file: string, error: unknown): ProcessOutcome {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const failed = (message: string, cause?: 'not-found' | 'too-long'): ProcessOutcome => ({
    kind: 'spawn-failed',
    message,
    ...(cause === undefined ? {} : { cause }),
  });
  if (code === 'ENOENT') return failed(`program not found: ${file}`, 'not-found');
  if (code === 'EACCES') return failed(`permission denied (not executable?): ${file}`);
  if (code === 'E2BIG') return failed(`its command line is too long for the OS (E2BIG): ${file}`, 'too-long');
  return failed(`cannot start ${file}: ${error instanceof Error ? error.message : String(code ?? error)}`);
}

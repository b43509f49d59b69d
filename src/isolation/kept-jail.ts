import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { findProgram } from '../doctor/find-program.js';

/**
 * A task's jail started once and kept until the task ends: its processes enter it (`nsenter` into
 * its namespaces and root, `setpriv` dropping every capability as bwrap does) instead of each
 * starting a bwrap of its own. A bwrap costs 40 ms and more on a VM (user, mount and PID namespaces
 * made, then a PID namespace torn down and waited for at every exit); entering one costs two small
 * execs. The network relays run once, in the kept jail.
 */
export interface KeptJail {
  /** The argv prefix that runs a command inside the jail, in `cwd` (a path as the jail sees it). */
  enter(cwd: string): string[];
  /** True once the jail is gone (ended by one of its own processes, or closed). */
  readonly ended: boolean;
  close(): Promise<void>;
}

/** The programs that enter a kept jail (util-linux). */
export interface EnterTools {
  readonly nsenter: string;
  readonly setpriv: string;
  /** Makes the user namespace a jail started by a user other than root is entered through. */
  readonly unshare: string | undefined;
}

let tools: Promise<EnterTools | undefined> | undefined;

/**
 * `nsenter` and `setpriv` when this machine has them, with `--wdns` (util-linux 2.38): the working
 * folder must be looked up inside the jail, not opened outside it. Without them every process
 * starts a bwrap of its own (slower, as safe).
 */
export function enterTools(): Promise<EnterTools | undefined> {
  tools ??= (async () => {
    const nsenter = findProgram('nsenter', '/');
    const setpriv = findProgram('setpriv', '/');
    if (!nsenter || !setpriv) return undefined;
    const help = await new Promise<string>((done) =>
      execFile(nsenter, ['--help'], { timeout: 10_000 }, (_error, stdout) => done(String(stdout))),
    );
    return help.includes('--wdns') ? { nsenter, setpriv, unshare: findProgram('unshare', '/') } : undefined;
  })();
  return tools;
}

/** The kinds of kept jail this process has entered (see the trial entry in `startKeptJail`). */
const enterable = new Set<string>();

// What the kept jail runs: says it is ready, then waits until orchestra's end closes its stdin (or
// `close` kills it). `read` is the shell's own: no further process.
const KEEPER = ['/bin/sh', '-c', 'echo ready; read -r _'];

// What `setpriv` drops: bwrap's --cap-drop ALL and its no_new_privs.
const DROP = ['--no-new-privs', '--inh-caps=-all', '--ambient-caps=-all', '--bounding-set=-all', '--'];

/**
 * Starts `bwrapArgv` (bwrap and its arguments, up to and without the `--`, possibly behind an
 * `unshare`) keeping `inner(KEEPER)`, and waits until it is ready. `outer`: bwrap was started in a
 * user namespace of orchestra's (see `inOwnUserNamespace`), which its processes are entered through.
 * Returns why it could not start instead (bwrap's own message).
 */
export async function startKeptJail(
  bwrapArgv: (tail: string[]) => string[],
  inner: (argv: string[]) => string[],
  enter: EnterTools,
  logFile: string,
  outer = false,
): Promise<KeptJail | string> {
  const log = await open(logFile, 'w');
  // Its own process group: Ctrl-C at the terminal must reach the task's processes through orchestra
  // (SIGTERM first), not end the jail under them.
  const [program, ...args] = [...bwrapArgv(['--info-fd', '3', '--']), ...inner(KEEPER)];
  const child = spawn(program!, args, {
    stdio: ['pipe', 'pipe', log.fd, 'pipe'],
    detached: true,
  });
  void log.close();
  let ended = false;
  const exited = new Promise<void>((done) => child.once('exit', () => ((ended = true), done())));
  // bwrap's PID 1 in the jail, and the namespaces it made (`mnt`, `pid`, ...).
  const started = await new Promise<{ pid: number; namespaces: string[] } | undefined>((done) => {
    let info = '';
    let ready = false;
    let parsed: { pid: number; namespaces: string[] } | undefined;
    const settle = () => {
      if (ready && parsed !== undefined) done(parsed);
    };
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      info += chunk.toString();
      // Written in parts: whole once it ends with its brace.
      if (!info.trimEnd().endsWith('}')) return;
      let json: Record<string, number>;
      try {
        json = JSON.parse(info) as Record<string, number>;
      } catch {
        return;
      }
      const names = Object.keys(json).filter((key) => key.endsWith('-namespace'));
      parsed = { pid: json['child-pid']!, namespaces: names.map((key) => key.replace(/-namespace$/, '')) };
      settle();
    });
    child.stdout!.once('data', () => {
      ready = true;
      settle();
    });
    child.once('error', () => done(undefined));
    void exited.then(() => done(undefined));
  });
  if (started === undefined) {
    const why = (await readFile(logFile, 'utf8').catch(() => '')).trim();
    return why || 'the jail ended as it started';
  }
  const { pid, namespaces } = started;
  const enterArgv = (cwd: string) =>
    outer
      ? [
          // Root in orchestra's user namespace (its capabilities reach the namespaces bwrap's first
          // user namespace owns), into the jail's others, then into its nested user namespace, that
          // of its PID 1, which gives back the user's ids. The bounding set stays full there: without
          // any capability and with no_new_privs, no exec can raise one.
          enter.nsenter,
          `--user=/proc/${child.pid}/ns/user`,
          `--target=${pid}`,
          ...namespaces.map((name) => (name === 'mnt' ? '--mount' : `--${name}`)),
          '--preserve-credentials',
          '--root',
          `--wdns=${cwd}`,
          enter.nsenter,
          '--target=1',
          '--user',
          '--preserve-credentials',
          enter.setpriv,
          ...DROP,
        ]
      : [
          enter.nsenter,
          '--all',
          '--preserve-credentials',
          `--target=${pid}`,
          '--root',
          `--wdns=${cwd}`,
          enter.setpriv,
          ...DROP,
        ];
  // Tried once: a kernel or a security policy may still refuse the entry (as bwrap's own nested
  // user namespace refuses it, hence `outer`); each process then starts a bwrap of its own. Once one
  // jail of a kind (behind `unshare` or not, entered through orchestra's user namespace or not) has
  // been entered, the others are too: the same kernel and policy answer the same (a task's first
  // process waited ~10 ms for each trial).
  const kind = `${program}:${outer}`;
  const refused = enterable.has(kind)
    ? undefined
    : await new Promise<string | undefined>((done) =>
        execFile(
          enterArgv('/')[0]!,
          [...enterArgv('/').slice(1), '/bin/sh', '-c', 'exit 0'],
          { timeout: 10_000 },
          (error, _out, stderr) => done(error ? String(stderr).trim() || error.message : undefined),
        ),
      );
  if (refused === undefined) enterable.add(kind);
  if (refused !== undefined) {
    process.kill(pid, 'SIGKILL');
    await exited;
    return `the jail cannot be entered: ${refused}`;
  }
  const keeper = keeperOf(pid);
  // Nothing of it keeps orchestra alive: `close` ends it, and orchestra's own end closes its stdin.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stdio[3]] as unknown as { unref?(): void }[])
    stream.unref?.();
  child.stdout!.resume();
  let closing: Promise<void> | undefined;
  return {
    // Its keeper killed (`kill -9 -1` in the jail), the jail is ending: bwrap's exit comes later.
    get ended() {
      return ended || (keeper !== undefined && !running(keeper));
    },
    enter: enterArgv,
    // Its PID 1 killed, the kernel kills everything left in the jail (a server a setup started
    // with setsid) before bwrap sees it gone; bwrap's PID 1 would otherwise wait for all of them.
    close: () =>
      (closing ??= (async () => {
        // Waited for: orchestra must not end (nothing else may keep it alive) before the jail has.
        child.ref();
        if (!ended) process.kill(pid, 'SIGKILL');
        await exited;
      })()),
  };
}

/** The host pid of the process that keeps the jail: the only child of bwrap's PID 1 in it. */
function keeperOf(init: number): number | undefined {
  try {
    const [first] = readFileSync(`/proc/${init}/task/${init}/children`, 'utf8').trim().split(' ');
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is alive and not about to die. A SIGKILL is pending from the moment `kill` returned
 * until the process runs again to exit: on a loaded machine the next process was entered into a jail
 * that ended under it ("nsenter: cannot open /proc/…/ns/cgroup").
 */
function running(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    if (/^State:\s+[ZX]/m.test(status)) return false;
    return ![...status.matchAll(/^(?:SigPnd|ShdPnd):\s+([0-9a-f]+)$/gm)].some(
      ([, mask]) => (BigInt(`0x${mask}`) & SIGKILL_BIT) !== 0n,
    );
  } catch {
    return false;
  }
}

/** SIGKILL (9) in the signal masks of /proc/<pid>/status. */
const SIGKILL_BIT = 1n << 8n;

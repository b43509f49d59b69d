import { mkdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { findProgram } from '../doctor/find-program.js';
import { packageFile } from '../util/package-file.js';
import type { RunProcessOptions } from '../process/run-process.js';
import { agentStatePaths, copyAgentState, STATE_VARIABLES } from './agent-state.js';
import { bwrapArgs, type JailLayout } from './bwrap-args.js';
import { hostPath } from './host-path.js';
import { findHostSockets, type HostSockets } from './host-sockets.js';
import type { IsolationSupport } from './detect.js';
import { jailGitConfig } from './jail-git-config.js';
import { enterTools, startKeptJail, type EnterTools, type KeptJail } from './kept-jail.js';
import { openLinkOverlays } from './link-overlay.js';
import { inOwnUserNamespace } from './own-user-namespace.js';
import { openNetworkGate } from './network-gate.js';
import { sandboxExecProfile } from './sandbox-exec-profile.js';

/** Read by no isolated task, whatever `read_deny` says: keys, cloud and cluster credentials. */
export const BUILTIN_READ_DENY = [
  '~/.ssh',
  '~/.aws',
  '~/.gnupg',
  '~/.netrc',
  '~/.config/gcloud',
  '~/.docker',
  '~/.kube',
  '~/.azure',
  '~/.password-store',
  '~/.config/gh',
];

export interface JailOptions {
  support: Extract<IsolationSupport, { ok: true }>;
  /** A folder of orchestra's for this task (private tmp, agent state copies); removed by `close`. */
  stateDir: string;
  /** The task's sandbox folder. */
  sandbox: string;
  /** Whether the task may write its sandbox: not when it is the user's own checkout (`type: none`). */
  sandboxWritable: boolean;
  /** The user's repository: readable, never writable. */
  repoRoot: string;
  /** Further host folders the task must write (a jj workspace's store). */
  alsoWritable?: readonly string[];
  /** The user's folders that `link:` symlinks into the sandbox: given a writable layer of the task's. */
  links?: readonly string[];
  /** Hosts it may reach (see `allowedHosts`). */
  network: readonly string[];
  readDeny: readonly string[];
  write: readonly string[];
  home?: string;
}

/** A task's OS sandbox: every process of the task goes through `wrap`. */
export interface Jail {
  /** The same process, started inside the jail (its argv, env and cwd turned into a jailed spawn). */
  wrap(opts: RunProcessOptions): Promise<RunProcessOptions>;
  close(): Promise<void>;
}

/** What the jail shows of one $HOME: the agents' state copies over it, its secrets hidden. */
interface HomeView {
  home: string;
  state: { copy: string; original: string }[];
  deny: { path: string; folder: boolean }[];
}

/**
 * Makes a task's jail: its private tmp under `stateDir`, and its network gate. The layout is fixed
 * here, once per task, and per $HOME its processes are given (an agent's `env` may name its own).
 * On Linux the first process starts the jail and keeps it (see {@link startKeptJail}); the later
 * ones enter it.
 */
export async function openJail(o: JailOptions): Promise<Jail> {
  const userHome = o.home ?? process.env.HOME ?? homedir();
  const expand = (path: string, home = userHome) => hostPath(path, home, o.sandbox);
  const tmp = join(o.stateDir, 'tmp');
  await mkdir(tmp, { recursive: true });
  const write = o.write.map((path) => expand(path));
  // Named writable paths are made, as a cache folder a tool expects is: bwrap binds only what exists.
  // One that exists may be a socket the task is to reach (`write: [/run/docker.sock]`).
  for (const path of write)
    if (!(await stat(path).catch(() => undefined))) await mkdir(path, { recursive: true });
  const userDeny = await existing([...BUILTIN_READ_DENY, ...o.readDeny].map((path) => expand(path)));
  const views = new Map<string, Promise<HomeView>>();
  const viewOf = (env: Record<string, string>): Promise<HomeView> => {
    const home = env.HOME ?? userHome;
    const key = [home, ...STATE_VARIABLES.map((name) => env[name] ?? '')].join('\0');
    let view = views.get(key);
    if (!view) {
      const into = join(o.stateDir, 'home', String(views.size));
      view = (async () => ({
        home,
        state: await copyAgentState(await agentStatePaths(home, env), into),
        deny:
          home === userHome
            ? userDeny
            : [...userDeny, ...(await existing(BUILTIN_READ_DENY.map((p) => expand(p, home))))],
      }))();
      views.set(key, view);
    }
    return view;
  };
  const gate = await openNetworkGate({ allow: o.network, stateDir: join(o.stateDir, 'net') });
  const writable = [...(o.sandboxWritable ? [o.sandbox] : []), ...(o.alsoWritable ?? []), ...write];

  // Orchestra's own files and the task's programs stay readable when they lie under /tmp, which the
  // jail replaces with the task's private one (a checkout or a tool installed in /tmp).
  const ownFiles = packageFile('.');
  let command: (cwd: string, view: HomeView, path: string, argv: string[]) => Promise<string[]>;
  const kept: Promise<KeptJail | undefined>[] = [];
  let ahead: Promise<unknown> = Promise.resolve();
  if (o.support.tool === 'bwrap') {
    const program = o.support.program;
    const links = o.links?.length ? await openLinkOverlays(o.links, join(o.stateDir, 'links')) : undefined;
    // Looked for as each bwrap starts: one over a socket gone since would fail to make its mount point.
    const hostSockets = () =>
      findHostSockets(process.env, process.getuid?.(), [...writable, ...(links?.folders ?? [])]);
    // Not root, the kept jail is entered through a user namespace of orchestra's: the link overlays'
    // or one made for it.
    const outer = process.getuid?.() !== 0;
    // `tail` ends bwrap's arguments (`--`, and before it any of its own options to add); `unshare`
    // runs it in a user namespace of orchestra's.
    const bwrap = (
      cwd: string,
      { home, state, deny }: HomeView,
      path: string,
      tail: string[],
      sockets: HostSockets,
      unshare?: string,
    ) => {
      const layout: JailLayout = {
        writable: [...writable, ...(links?.folders ?? [])],
        tmp,
        visible: [o.repoRoot, userHome, home, ownFiles, ...path.split(delimiter).filter(isAbsolute)],
        state,
        deny,
        sockets,
      };
      const args = [...bwrapArgs(layout, { cwd, shareNet: gate.shareNet, extra: gate.bwrapArgs }), ...tail];
      if (links) return links.prefix([program, ...args]);
      return unshare ? inOwnUserNamespace(unshare, [program, ...args]) : [program, ...args];
    };
    // One kept jail per view and PATH (what its layout depends on), started by the first process
    // (or ahead, below).
    const keptFor = new Map<HomeView, Map<string, Promise<KeptJail | undefined>>>();
    const keptJail = (view: HomeView, path: string, tools: EnterTools) => {
      const byPath = keptFor.get(view) ?? new Map<string, Promise<KeptJail | undefined>>();
      keptFor.set(view, byPath);
      let jail = byPath.get(path);
      if (!jail) {
        const log = join(o.stateDir, `kept-${kept.length}.log`);
        // When it cannot start, each process starts a bwrap of its own, which reports why in its log.
        jail = hostSockets()
          .then((sockets) =>
            startKeptJail(
              (tail) => bwrap('/', view, path, tail, sockets, outer ? tools.unshare : undefined),
              (argv) => gate.wrapInner(argv),
              tools,
              log,
              outer,
            ),
          )
          .then((started) => (typeof started === 'string' ? undefined : started));
        kept.push(jail);
        byPath.set(path, jail);
      }
      return jail;
    };
    const usableTools = async () => {
      const found = await enterTools();
      return outer && !found?.unshare ? undefined : found;
    };
    // Started now for the environment most processes get (orchestra's own $HOME and PATH): the
    // task's first process, while the engine records its start, finds it started or on its way.
    ahead = (async () => {
      const tools = await usableTools();
      if (tools)
        await keptJail(await viewOf(process.env as Record<string, string>), process.env.PATH ?? '', tools);
    })().catch(() => undefined);
    command = async (cwd, view, path, argv) => {
      const tools = await usableTools();
      let jail = tools && (await keptJail(view, path, tools));
      // Ended by one of its own processes (`kill -9 -1` in the jail): the next one starts it again.
      if (tools && jail?.ended) {
        keptFor.get(view)!.delete(path);
        jail = await keptJail(view, path, tools);
      }
      if (jail) return [...jail.enter(cwd), ...argv];
      return [...bwrap(cwd, view, path, ['--'], await hostSockets()), ...gate.wrapInner(argv)];
    };
  } else {
    // Seatbelt cannot show a copy in the original's place: the agents' state folders are writable.
    command = (_cwd, { state, deny }, _path, argv) =>
      Promise.resolve([
        o.support.program,
        '-p',
        sandboxExecProfile({
          writable: [...writable, tmp, ...state.map((s) => s.original)],
          deny: deny.map((d) => d.path),
          shareNet: gate.shareNet,
        }),
        ...gate.wrapInner(argv),
      ]);
  }

  return {
    async wrap(opts) {
      const argv = 'argv' in opts.command ? [...opts.command.argv] : ['/bin/sh', '-c', opts.command.shell];
      const env: Record<string, string> = {
        ...opts.env,
        ...gate.env,
        ...jailGitConfig({ ...process.env, ...opts.env }),
        TMPDIR: o.support.tool === 'bwrap' ? '/tmp' : tmp,
      };
      // A program that is nowhere is left for `runProcess` to report as such (the jail sees the same
      // programs): the jail would only say that it failed to start something.
      if (!findProgram(argv[0] ?? '', opts.cwd, { ...process.env, ...env })) return opts;
      const view = await viewOf({ ...(process.env as Record<string, string>), ...env });
      const path = env.PATH ?? process.env.PATH ?? '';
      return { ...opts, env, command: { argv: await command(opts.cwd, view, path, argv) } };
    },
    async close() {
      await ahead;
      await Promise.all(kept.map(async (jail) => (await jail)?.close()));
      await gate.close();
      await rm(o.stateDir, { recursive: true, force: true });
    },
  };
}

async function existing(paths: readonly string[]): Promise<{ path: string; folder: boolean }[]> {
  const found: { path: string; folder: boolean }[] = [];
  for (const path of paths) {
    // Followed: bwrap mounts over what a symlink points to.
    const info = await stat(path).catch(() => undefined);
    if (info) found.push({ path, folder: info.isDirectory() });
  }
  return found;
}

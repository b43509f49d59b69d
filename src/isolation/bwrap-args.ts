import { join, resolve, sep } from 'node:path';
import type { HostSockets } from './host-sockets.js';

/** What a jailed process sees of the file system, in host paths. */
export interface JailLayout {
  /** Folders the task may write: its sandbox (unless it is the user's checkout) and the `write` paths. */
  writable: readonly string[];
  /** Host folder shown as /tmp: private to the task, kept for its later processes. */
  tmp: string;
  /**
   * Host paths that must stay readable though they lie under /tmp (the user's repository, $HOME,
   * orchestra's files, the folders on PATH); those that do not exist are left out.
   */
  visible: readonly string[];
  /** Per-task copies of the agents' state, bound writable over the originals. */
  state: readonly { copy: string; original: string }[];
  /** Paths that cannot be read: folders become empty, files /dev/null. */
  deny: readonly { path: string; folder: boolean }[];
  /** The host's unix sockets to make unreachable. */
  sockets: HostSockets;
}

/**
 * bubblewrap's arguments for `layout`: the host read-only, then what the task may write over it, then
 * what it may not read over everything (a denied path inside a writable one stays denied). Its own
 * pid, IPC and UTS namespaces: it cannot see or signal orchestra's processes. No capabilities: bwrap
 * started by root keeps them otherwise, and with them a task remounts / writable. No `--new-session`:
 * `runProcess` starts every process in a session of its own already, without a controlling terminal.
 */
export function bwrapArgs(
  layout: JailLayout,
  options: { cwd: string; shareNet: boolean; extra: readonly string[] },
): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--bind', layout.tmp, '/tmp'];
  for (const path of outermost(
    layout.visible.map((p) => resolve(p)).filter((p) => isUnder(p, '/tmp') && p !== '/tmp'),
  ))
    args.push('--ro-bind-try', path, path);
  args.push(...hideSockets(layout));
  for (const path of layout.writable) args.push('--bind', path, path);
  for (const { copy, original } of layout.state) args.push('--bind', copy, original);
  for (const { path, folder } of layout.deny)
    args.push(...(folder ? ['--tmpfs', path, '--remount-ro', path] : ['--ro-bind', '/dev/null', path]));
  args.push('--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try');
  if (!options.shareNet) args.push('--unshare-net');
  args.push('--cap-drop', 'ALL', '--die-with-parent', ...options.extra, '--chdir', options.cwd);
  return args;
}

/**
 * /run becomes an empty folder with its entries but the sockets shown again, read-only once done;
 * runtime folders become empty (writable, private to the jail: tools keep a place for theirs) but for
 * the visible paths in them (a version manager's folder on PATH); other sockets get /dev/null over
 * them where the jail still shows them: not under the private /tmp unless a visible path shows it.
 */
function hideSockets({ sockets, visible }: JailLayout): string[] {
  const args: string[] = [];
  const { run, runtimeDirs } = sockets;
  const under = (path: string, folders: readonly string[]) => folders.some((f) => isUnder(path, resolve(f)));
  if (run) {
    args.push('--tmpfs', run.path);
    for (const { name, link, socket } of run.entries) {
      const path = join(run.path, name);
      if (link !== undefined) args.push('--symlink', link, path);
      else if (!socket) args.push('--ro-bind-try', path, path);
    }
  }
  for (const dir of runtimeDirs) args.push('--tmpfs', dir);
  for (const path of outermost(visible.map((p) => resolve(p)).filter((p) => under(p, runtimeDirs))))
    args.push('--ro-bind-try', path, path);
  for (const path of sockets.sockets)
    if (!isUnder(path, '/tmp') || under(path, visible)) args.push('--ro-bind', '/dev/null', path);
  if (run) args.push('--remount-ro', run.path);
  return args;
}

export function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** `paths` without those inside another of them: a bind there is shown already (and may cross a symlink). */
function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => isUnder(p, q)));
}

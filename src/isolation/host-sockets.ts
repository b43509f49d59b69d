import { constants, type Dirent, type Stats } from 'node:fs';
import { access, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isUnder } from './bwrap-args.js';

/**
 * The host's unix sockets, which a read-only bind does not close: connect() needs no write to the
 * file system. Through them a task would leave its jail (the Docker socket, `systemd-run --user`
 * over the session bus, the ssh-agent).
 */
export interface HostSockets {
  /** Per-user runtime folders ($XDG_RUNTIME_DIR, those under /run/user this user can enter): shown empty. */
  runtimeDirs: string[];
  /**
   * /run, shown again entry by entry over an empty folder but for its sockets: what a daemon started
   * after the jail makes there (`/run/docker.sock`, `/run/containerd/`) is not seen either.
   */
  run?: { path: string; entries: RunEntry[] };
  /** Other socket files, deeper under /run or named by the environment: /dev/null is bound over each. */
  sockets: string[];
}

export interface RunEntry {
  name: string;
  /** A symlink's target, made again as such. */
  link?: string;
  /** A socket, left out. */
  socket: boolean;
}

/** How deep and how much of /run is read: its sockets lie one to three folders down. */
const SCAN_DEPTH = 4;
const SCAN_ENTRIES = 4000;

/** Variables naming a socket: ssh-agent, D-Bus (`unix:path=`), Docker and podman (`unix://`). */
const SOCKET_VARIABLES = [
  'SSH_AUTH_SOCK',
  'DBUS_SESSION_BUS_ADDRESS',
  'DBUS_SYSTEM_BUS_ADDRESS',
  'DOCKER_HOST',
  'CONTAINER_HOST',
];

/**
 * Finds them, in real paths (bwrap mounts over what a symlink points to), but for those under `keep`
 * (the task's writable paths, where its own sockets are, and a host socket it is to reach).
 */
export async function findHostSockets(
  env: NodeJS.ProcessEnv,
  uid: number | undefined,
  keep: readonly string[],
): Promise<HostSockets> {
  // Looked up side by side: this runs as each jail starts.
  const [kept, runtimeDirs, roots, named] = await Promise.all([
    Promise.all(keep.map((p) => realpath(p).catch(() => undefined))).then(unique),
    readdir('/run/user')
      .catch(() => [] as string[])
      .then((names) =>
        enterable([
          ...(env.XDG_RUNTIME_DIR ? [env.XDG_RUNTIME_DIR] : []),
          ...(uid === undefined ? [] : [`/run/user/${uid}`]),
          ...names.map((name) => join('/run/user', name)),
        ]),
      ),
    Promise.all(['/run', '/var/run'].map((p) => realpath(p).catch(() => undefined))).then(unique),
    Promise.all(SOCKET_VARIABLES.flatMap((name) => socketPaths(env[name])).map(socketAt)),
  ]);
  const isKept = (path: string) => kept.some((k) => isUnder(path, k));
  const hidden = runtimeDirs.filter((dir) => !isKept(dir));
  // /run/user holds runtime folders: hidden, or not this user's to enter.
  const { sockets: found, top } = await scan(roots, new Set([...runtimeDirs, '/run/user']));
  const run = roots[0];
  const entries = await Promise.all(
    top.map(async (entry): Promise<RunEntry> => {
      const path = join(run!, entry.name);
      const link = entry.isSymbolicLink() ? await readlink(path).catch(() => undefined) : undefined;
      return {
        name: entry.name,
        ...(link === undefined ? {} : { link }),
        socket: entry.isSocket() && !isKept(path),
      };
    }),
  );
  const sockets = unique([...found, ...named]).filter(
    (path) => !isKept(path) && !hidden.some((dir) => isUnder(path, dir)) && dirname(path) !== run,
  );
  return { runtimeDirs: hidden, ...(run ? { run: { path: run, entries } } : {}), sockets };
}

/** The socket paths in one variable's value: a path, D-Bus addresses, or a `unix://` URL. */
export function socketPaths(value: string | undefined): string[] {
  if (!value) return [];
  if (value.startsWith('/')) return [value];
  if (value.startsWith('unix://')) return [value.slice('unix://'.length)];
  // D-Bus: `unix:path=/run/user/1000/bus,guid=…;unix:abstract=…`, values %-escaped.
  return value.split(';').flatMap((address) => {
    if (!address.startsWith('unix:')) return [];
    const path = address
      .slice('unix:'.length)
      .split(',')
      .find((pair) => pair.startsWith('path='));
    return path ? [decodeURIComponent(path.slice('path='.length))] : [];
  });
}

/** Sockets under `roots`, breadth first within the bounds, and the first root's entries; `skip` folders are not read. */
async function scan(
  roots: string[],
  skip: ReadonlySet<string>,
): Promise<{ sockets: string[]; top: Dirent[] }> {
  const sockets: string[] = [];
  let top: Dirent[] = [];
  let level = roots;
  let budget = SCAN_ENTRIES;
  for (let depth = 0; depth < SCAN_DEPTH && level.length && budget > 0; depth++) {
    const listed = await Promise.all(
      level.map(async (dir) => ({
        dir,
        entries: await readdir(dir, { withFileTypes: true }).catch(() => []),
      })),
    );
    if (depth === 0) top = listed[0]?.entries ?? [];
    const next: string[] = [];
    for (const { dir, entries } of listed)
      for (const entry of entries.slice(0, Math.max(budget, 0))) {
        budget--;
        const path = join(dir, entry.name);
        // Symlinks are not followed: what they point to is under /run already, or is not a socket folder.
        if (entry.isSocket()) sockets.push(path);
        else if (entry.isDirectory() && !skip.has(path)) next.push(path);
      }
    level = next;
  }
  return { sockets, top };
}

async function socketAt(path: string): Promise<string | undefined> {
  const found = await realStat(path);
  return found?.info.isSocket() ? found.real : undefined;
}

/** The folders among `paths` this user can enter (those it cannot, it cannot reach a socket in). */
async function enterable(paths: string[]): Promise<string[]> {
  const real = await Promise.all(
    paths.map(async (path) => {
      const found = await realStat(path);
      if (!found?.info.isDirectory()) return undefined;
      return access(found.real, constants.X_OK).then(
        () => found.real,
        () => undefined,
      );
    }),
  );
  return unique(real);
}

async function realStat(path: string): Promise<{ real: string; info: Stats } | undefined> {
  try {
    const real = await realpath(path);
    return { real, info: await stat(real) };
  } catch {
    return undefined;
  }
}

function unique(paths: readonly (string | undefined)[]): string[] {
  return [...new Set(paths.filter((p): p is string => p !== undefined))];
}

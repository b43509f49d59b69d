import { access, readdir, realpath, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { join } from 'node:path';

/**
 * The host's unix sockets, which a read-only bind does not close: connect() needs no write to the
 * file system. Through them a task would leave its jail (the Docker socket, `systemd-run --user`
 * over the session bus, the ssh-agent).
 */
export interface HostSockets {
  /** Per-user runtime folders ($XDG_RUNTIME_DIR, those under /run/user this user can enter): shown empty. */
  runtimeDirs: string[];
  /** Socket files under /run and those the environment names: /dev/null is bound over each. */
  sockets: string[];
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

/** Finds them, in real paths (bwrap mounts over what a symlink points to). */
export async function findHostSockets(env: NodeJS.ProcessEnv, uid: number | undefined): Promise<HostSockets> {
  const runUser = await readdir('/run/user').catch(() => [] as string[]);
  const runtimeDirs = await enterable([
    ...(env.XDG_RUNTIME_DIR ? [env.XDG_RUNTIME_DIR] : []),
    ...(uid === undefined ? [] : [`/run/user/${uid}`]),
    ...runUser.map((name) => join('/run/user', name)),
  ]);
  const roots = unique(
    await Promise.all(['/run', '/var/run'].map((p) => realpath(p).catch(() => undefined))),
  );
  const found = await scan(roots, new Set(runtimeDirs));
  const named = await Promise.all(SOCKET_VARIABLES.flatMap((name) => socketPaths(env[name])).map(socketAt));
  return { runtimeDirs, sockets: unique([...found, ...named]) };
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

/** Sockets under `roots`, breadth first within the bounds; `skip` folders are not read. */
async function scan(roots: string[], skip: ReadonlySet<string>): Promise<string[]> {
  const sockets: string[] = [];
  let level = roots;
  let budget = SCAN_ENTRIES;
  for (let depth = 0; depth < SCAN_DEPTH && level.length && budget > 0; depth++) {
    const listed = await Promise.all(
      level.map(async (dir) => ({
        dir,
        entries: await readdir(dir, { withFileTypes: true }).catch(() => []),
      })),
    );
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
  return sockets;
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

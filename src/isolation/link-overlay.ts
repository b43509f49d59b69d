import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from '../doctor/find-program.js';
import { userIdArgs } from './own-user-namespace.js';

/**
 * A per-task writable layer over each `link:`ed folder, so that tools writing caches into
 * `node_modules` work in the jail while the user's copy stays as it is. bubblewrap 0.8 has no overlay
 * mounts (`--overlay-src` came in 0.9), so the kernel's overlayfs is mounted in a user and mount
 * namespace of orchestra's (`unshare`), over the folder's own path, before bwrap starts inside it:
 * the layer's upper folder is the task's, kept between its processes.
 */
export interface LinkOverlays {
  /** Runs `bwrapArgv` (bwrap and its arguments) with the overlays mounted. */
  prefix(bwrapArgv: readonly string[]): string[];
  /** The folders now writable in the jail (their overlays). */
  folders: readonly string[];
}

// Mounts `$1` overlays given as (lower, upper, work) triples, each over its lower folder, then execs
// the rest: bwrap, whose recursive read-only bind of / keeps them (and a writable bind reopens them).
const MOUNT_SCRIPT =
  'n=$1; shift; while [ "$n" -gt 0 ]; do mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$1" || exit 126; shift 3; n=$((n-1)); done; exec "$@"';

let probe: Promise<string | undefined> | undefined;

/** `unshare`'s path when it can mount an overlay in a user namespace here (tried once). */
export function overlaySupport(): Promise<string | undefined> {
  probe ??= (async () => {
    const unshare = findProgram('unshare', '/');
    if (!unshare) return undefined;
    const dir = await mkdtemp(join(tmpdir(), 'orchestra-overlay-probe-'));
    try {
      const [lower, upper, work] = ['lower', 'upper', 'work'].map((name) => join(dir, name)) as [
        string,
        string,
        string,
      ];
      for (const folder of [lower, upper, work]) await mkdir(folder);
      await writeFile(join(lower, 'f'), '');
      const args = [
        '--user',
        '--map-root-user',
        '--mount',
        '--',
        '/bin/sh',
        '-c',
        MOUNT_SCRIPT,
        'sh',
        '1',
        lower,
        upper,
        work,
        'touch',
        join(lower, 'g'),
      ];
      const ok = await new Promise<boolean>((done) =>
        execFile(unshare, args, { timeout: 10_000 }, (error) => done(!error)),
      );
      return ok ? unshare : undefined;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return probe;
}

/**
 * The overlays of `folders` (host paths) with their layers under `stateDir`, or undefined when this
 * machine cannot mount them (the folders then stay read-only in the jail). A path holding a comma or
 * colon cannot be named in overlayfs options: that folder stays read-only too.
 */
export async function openLinkOverlays(
  folders: readonly string[],
  stateDir: string,
): Promise<LinkOverlays | undefined> {
  const usable = folders.filter((folder) => !/[,:]/.test(folder));
  if (usable.length === 0) return undefined;
  const unshare = await overlaySupport();
  if (!unshare) return undefined;
  const triples: string[] = [];
  for (const [i, folder] of usable.entries()) {
    const upper = join(stateDir, String(i), 'upper');
    const work = join(stateDir, String(i), 'work');
    await mkdir(upper, { recursive: true });
    await mkdir(work, { recursive: true });
    triples.push(folder, upper, work);
  }
  return {
    folders: usable,
    prefix: ([bwrap, ...args]) => [
      unshare,
      ...['--user', '--map-root-user', '--mount', '--', '/bin/sh', '-c', MOUNT_SCRIPT, 'sh'],
      String(usable.length),
      ...triples,
      bwrap!,
      ...userIdArgs(),
      ...args,
    ],
  };
}

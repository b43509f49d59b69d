/**
 * bwrap's arguments, for a bwrap started in a user namespace of orchestra's where it is root: a user
 * namespace of its own again, with the user's ids, so that an agent that refuses to run as root
 * (Claude Code) runs.
 */
export function userIdArgs(): string[] {
  return [
    '--unshare-user',
    '--uid',
    String(process.getuid?.() ?? 0),
    '--gid',
    String(process.getgid?.() ?? 0),
  ];
}

/**
 * Runs `bwrapArgv` (bwrap and its arguments) in a user namespace made by `unshare`, where bwrap's
 * outer process stays for the jail's life. Unprivileged, bwrap makes a user namespace that maps root
 * (to mount the jail's devpts) and owns the jail's mount, PID and other namespaces, then moves its
 * processes into a nested one with the user's ids: no process is left in the first, and from the
 * nested one those namespaces cannot be joined. Under a namespace of orchestra's, that first one is
 * its child: a process that joins orchestra's (as root there) may join the jail's others, then the
 * nested one (see `startKeptJail`).
 */
export function inOwnUserNamespace(unshare: string, [bwrap, ...args]: readonly string[]): string[] {
  return [unshare, '--user', '--map-root-user', '--', bwrap!, ...userIdArgs(), ...args];
}

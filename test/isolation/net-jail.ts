/** Runs commands in a bubblewrap jail behind a network gate, as the isolation module does. */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findProgram } from '../../src/doctor/find-program.js';
import type { NetworkGate } from '../../src/isolation/network-gate.js';
import { runCli } from '../models/helpers.js';
import type { CliRun } from '../models/helpers.js';
import { packageFile } from '../../src/util/package-file.js';

/** Why these tests cannot jail anything here, or undefined when bubblewrap works. */
export const noJail: string | undefined = (() => {
  const bwrap = findProgram('bwrap', '/');
  if (bwrap === undefined) return 'bubblewrap (bwrap) is not installed';
  try {
    execFileSync(bwrap, ['--ro-bind', '/', '/', '--unshare-net', '--', '/bin/true'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'bwrap cannot create namespaces here';
  }
})();

/**
 * Runs `argv` in `bwrap --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp [--unshare-net] [--unshare-pid]`, with
 * this checkout read-only (the CLIs are in it), `cwd` and `writable` read-write, then the gate's arguments, and exactly `env` plus the gate's env.
 */
export function runJailed(
  gate: NetworkGate,
  argv: readonly string[],
  options: {
    readonly cwd: string;
    readonly env?: Readonly<Record<string, string>>;
    readonly writable?: readonly string[];
    readonly timeoutMs?: number;
    /** `--unshare-pid`: everything in the jail dies with it (a CLI's own child processes on a timeout). */
    readonly ownPids?: boolean;
  },
): Promise<CliRun> {
  const args = [
    ...['--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'],
    // The agent CLIs installed in this checkout stay readable when it lies under /tmp.
    ...['--ro-bind', packageFile('.'), packageFile('.')],
    ...(gate.shareNet ? [] : ['--unshare-net']),
    ...(options.ownPids === true ? ['--unshare-pid'] : []),
    ...[options.cwd, ...(options.writable ?? [])].flatMap((path) => ['--bind', path, path]),
    ...gate.bwrapArgs,
    ...['--chdir', options.cwd, '--'],
    ...gate.wrapInner([...argv]),
  ];
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...options.env, ...gate.env };
  return runCli('bwrap', args, {
    cwd: options.cwd,
    env,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/** A loopback HTTP server answering every request with `body`; `port` is where it listens. */
export async function startTextServer(body: string): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

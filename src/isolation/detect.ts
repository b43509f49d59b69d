import { execFile } from 'node:child_process';
import { findProgram } from '../doctor/find-program.js';

/** Whether an OS sandbox can be made on this machine, and with which program. */
export type IsolationSupport =
  { ok: true; tool: 'bwrap' | 'sandbox-exec'; program: string } | { ok: false; why: string; install: string };

const LINUX_INSTALL =
  'install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap) and allow unprivileged user namespaces';

// One probe per PATH and platform: every task of a run asks, and the answer does not change meanwhile.
const probes = new Map<string, Promise<IsolationSupport>>();

/**
 * Finds the OS sandbox of this platform and, on Linux, tries it once: bubblewrap can be installed and
 * still unable to make namespaces (a container without user namespaces, an AppArmor rule).
 */
export function detectIsolation(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<IsolationSupport> {
  const key = `${platform}\0${env.PATH ?? ''}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = probeIsolation(env, platform);
    probes.set(key, probe);
  }
  return probe;
}

async function probeIsolation(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<IsolationSupport> {
  if (platform === 'darwin') {
    const program = findProgram('sandbox-exec', '/', env);
    return program
      ? { ok: true, tool: 'sandbox-exec', program }
      : {
          ok: false,
          why: 'sandbox-exec is not on PATH',
          install: 'put /usr/bin on PATH (macOS ships sandbox-exec)',
        };
  }
  if (platform !== 'linux')
    return { ok: false, why: `no OS sandbox is supported on ${platform}`, install: 'run on Linux or macOS' };
  const program = findProgram('bwrap', '/', env);
  if (!program) return { ok: false, why: 'bubblewrap (bwrap) is not on PATH', install: LINUX_INSTALL };
  const args = ['--ro-bind', '/', '/', '--unshare-all', '--die-with-parent', '--', 'true'];
  const failed = await new Promise<string | undefined>((done) =>
    execFile(program, args, { timeout: 10_000 }, (error, _out, stderr) =>
      done(error ? stderr.trim() || error.message : undefined),
    ),
  );
  return failed === undefined
    ? { ok: true, tool: 'bwrap', program }
    : { ok: false, why: `bubblewrap cannot make a sandbox here: ${failed}`, install: LINUX_INSTALL };
}

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { findProgram } from '../../src/doctor/find-program.js';
import { detectIsolation } from '../../src/isolation/detect.js';
import { enterTools } from '../../src/isolation/kept-jail.js';
import { CLI } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

// A user other than root: bwrap makes user namespaces of its own, which the kept jail is entered
// through otherwise than root's (see `inOwnUserNamespace`). CI runs as root, so the test drops to
// nobody, as `setpriv` does for a login.
const NOBODY = 65534;
const setpriv = findProgram('setpriv', '/');
const asNobody = setpriv ? [setpriv, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
const support = await detectIsolation();
const PROBE = fileURLToPath(new URL('../fixtures/procs/socket-probe.mjs', import.meta.url));
const tools = await enterTools();

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'run as root: the test becomes uid 65534 to run orchestra';
  if (!support.ok) return support.why;
  if (!setpriv || !tools?.unshare) return 'util-linux setpriv, nsenter (with --wdns) and unshare are needed';
  // The built CLI and node must be readable by that user (not so in a checkout under /root).
  const readable = spawnSync(asNobody[0]!, [...asNobody.slice(1), process.execPath, CLI, '--version']);
  if (readable.status !== 0) return `uid ${NOBODY} cannot run ${CLI}: ${String(readable.stderr).trim()}`;
  return undefined;
}
const skipped = skipReason();

let fx: RunFixture;
let home: string;
beforeEach(() => {
  fx = new RunFixture();
  home = join(fx.root, 'home');
  mkdirSync(home);
  fx.git('config', 'user.name', 'nobody');
  fx.git('config', 'user.email', 'nobody@localhost');
  chownTree(fx.root, NOBODY);
});
afterEach(() => fx.cleanup());

function chownTree(path: string, id: number): void {
  chownSync(path, id, id);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), id);
}

/** Runs the CLI as that user, apart from this process (which may serve a socket meanwhile). */
async function cliAsNobody(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(asNobody[0]!, [...asNobody.slice(1), process.execPath, CLI, ...args], {
    cwd: fx.repo,
    env: { ...process.env, HOME: home, NO_COLOR: '1' },
    timeout: 120_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

describe.skipIf(skipped !== undefined)(
  `isolation: os run by a user other than root${skipped ? `: skipped, ${skipped}` : ''}`,
  () => {
    it("runs a task's processes in its kept jail, which stops the escapes while its writes are committed", async () => {
      // A host socket that user could connect to, under /run.
      const run = mkdtempSync(join('/run', 'orchestra-sockets-'));
      chmodSync(run, 0o755);
      const socket = join(run, 'docker.sock');
      const server = createServer((c) => c.end('ok'));
      await new Promise<void>((done) => server.listen(socket, done));
      chmodSync(socket, 0o777);
      onTestFinished(async () => {
        await new Promise((done) => server.close(done));
        rmSync(run, { recursive: true, force: true });
      });
      const config = join(fx.repo, '.git', 'config');
      const configBefore = readFileSync(config, 'utf8');
      // Each process notes its PID namespace and the jail's PID 1: the kept jail's bwrap keeps a
      // shell waiting (`echo ready; read`), where one of a process's own would run that process.
      const note = (name: string) =>
        `readlink /proc/self/ns/pid > ${name}-ns.txt; tr "\\0" " " < /proc/1/cmdline > ${name}-pid1.txt`;
      writeFileSync(
        join(fx.repo, 'orchestra.yaml'),
        `version: 1
sandbox:
  dir: ${JSON.stringify(fx.sandboxes)}
  keep: never
  isolation: os
  setup: [${JSON.stringify(note('setup'))}]
tasks:
  jailed:
    run: ${JSON.stringify(
      `${note('run')}; ${process.execPath} ${PROBE} ${socket}; touch "$HOME/escaped" 2>/dev/null; echo "[escaped]" >> ${config} 2>/dev/null; id -u > uid.txt; echo inside > inside.txt`,
    )}
`,
      );
      const r = await cliAsNobody(['run']);
      expect(r.code, r.stderr).toBe(0);
      expect((await cliAsNobody(['status'])).stdout).toMatch(/^jailed +succeeded +1 .* os$/m);
      // Read back as root: git refuses a repository another user owns.
      chownTree(fx.root, 0);
      const branches = fx.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n');
      const show = (file: string) =>
        fx.show(
          branches.find((b) => b.endsWith('/jailed'))!,
          file,
        );
      expect(show('inside.txt')).toBe('inside');
      expect(show('uid.txt')).toBe(String(NOBODY));
      expect(JSON.parse(show('sockets.json'))).toEqual({
        [socket]: 'ECONNREFUSED',
        sandbox: 'ok',
        tmp: 'ok',
      });
      // Setup and command ran in one PID namespace, the kept jail's.
      expect(show('run-ns.txt')).toBe(show('setup-ns.txt'));
      expect(show('run-pid1.txt')).toContain('-- /bin/sh -c echo ready; read -r _');
      expect(show('setup-pid1.txt')).toContain('-- /bin/sh -c echo ready; read -r _');
      expect(existsSync(join(home, 'escaped'))).toBe(false);
      expect(readFileSync(config, 'utf8')).toBe(configBefore);
    });
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketPaths } from '../../src/isolation/host-sockets.js';
import { detectIsolation } from '../../src/isolation/detect.js';
import { RunFixture } from '../support/run-fixture.js';

const PROBE = fileURLToPath(new URL('../fixtures/procs/socket-probe.mjs', import.meta.url));
const support = await detectIsolation();

/** A folder of the test's own under `parent`, or why there is none (/run is root's). */
function folderIn(parent: string): string | undefined {
  try {
    return mkdtempSync(join(parent, 'orchestra-sockets-'));
  } catch {
    return undefined;
  }
}
const canWriteRun = (() => {
  const probe = folderIn('/run');
  if (probe) rmSync(probe, { recursive: true });
  return probe !== undefined;
})();

let fx: RunFixture;
let folders: string[];
let servers: Server[];
/**
 * Host sockets: one in /run itself, one deeper, the bus of a runtime folder, an ssh-agent's named by
 * the environment.
 */
let host: { top: string; run: string; bus: string; agent: string };

async function listen(path: string): Promise<string> {
  const server = createServer((c) => c.end('ok'));
  await new Promise<void>((done) => server.listen(path, done));
  servers.push(server);
  return path;
}

beforeEach(async () => {
  fx = new RunFixture();
  servers = [];
  // Not under /tmp, which the jail replaces with the task's own already.
  folders = [folderIn('/run')!, folderIn('/var/tmp')!, folderIn('/var/tmp')!];
  const [run, runtime, agent] = folders as [string, string, string];
  const top = `${run}.sock`;
  folders.push(top);
  host = {
    top: await listen(top),
    run: await listen(join(run, 'docker.sock')),
    bus: await listen(join(runtime, 'bus')),
    agent: await listen(join(agent, 'agent.sock')),
  };
  vi.stubEnv('XDG_RUNTIME_DIR', runtime);
  vi.stubEnv('SSH_AUTH_SOCK', host.agent);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  fx.cleanup();
});

/** Runs a `run:` task that connects to each host socket and to its own; what each connect gave. */
async function probe(isolation: string, write: string[] = []): Promise<Record<string, string>> {
  const command = [process.execPath, PROBE, host.top, host.run, host.bus, host.agent].join(' ');
  const { result } = await fx.run(`version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: ${isolation}, write: ${JSON.stringify(write)} }
tasks:
  probe: { run: ${JSON.stringify(command)} }
`);
  const task = result.record.tasks.probe!;
  expect(task.failure).toBeUndefined();
  expect(task.isolation).toBe(isolation);
  return JSON.parse(fx.show(task.branch, 'sockets.json')) as Record<string, string>;
}

/** What the probe records when every socket answers but the `failed` ones. */
function reaching(failed: Record<string, string>): Record<string, string> {
  const all = [...Object.values(host), 'sandbox', 'tmp'];
  return { ...Object.fromEntries(all.map((key) => [key, 'ok'])), ...failed };
}

describe.skipIf(!canWriteRun)(
  `host unix sockets${canWriteRun ? '' : ': skipped, /run is not writable'}`,
  () => {
    it('isolation: none reaches every host socket (what the jail takes away)', async () => {
      expect(await probe('none')).toEqual(reaching({}));
    });

    describe.skipIf(!support.ok)(`isolation: os${support.ok ? '' : `: skipped, ${support.why}`}`, () => {
      it('reaches no host socket (under /run, in the runtime folder, named by the environment), but its own', async () => {
        expect(await probe('os')).toEqual(
          reaching({
            // /run is shown again without its sockets, the runtime folder empty.
            [host.top]: 'ENOENT',
            [host.run]: 'ECONNREFUSED',
            [host.bus]: 'ENOENT',
            [host.agent]: 'ECONNREFUSED',
          }),
        );
      });

      it('reaches a host socket its `write` list names, and only that one', async () => {
        const reached = await probe('os', [host.top, host.run, host.bus]);
        expect(reached).toEqual(reaching({ [host.agent]: 'ECONNREFUSED' }));
      });
    });
  },
);

describe('socket paths named by a variable', () => {
  it('reads a path, D-Bus addresses and a unix:// URL; other transports name none', () => {
    expect(socketPaths('/run/user/1000/ssh-agent')).toEqual(['/run/user/1000/ssh-agent']);
    expect(socketPaths('unix:path=/run/user/1000/b%20us,guid=1;unix:abstract=/x;tcp:host=a')).toEqual([
      '/run/user/1000/b us',
    ]);
    expect(socketPaths('unix:///var/run/docker.sock')).toEqual(['/var/run/docker.sock']);
    expect(socketPaths('tcp://127.0.0.1:2375')).toEqual([]);
    expect(socketPaths(undefined)).toEqual([]);
  });
});

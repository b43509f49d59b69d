import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectIsolation } from '../../src/isolation/detect.js';
import { openJail, type Jail } from '../../src/isolation/jail.js';
import { enterTools } from '../../src/isolation/kept-jail.js';
import { runProcess } from '../../src/process/run-process.js';
import { cli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';
import { tempDirs } from '../models/helpers.js';

const support = await detectIsolation();
const tools = await enterTools();
const dirs = tempDirs();
const jails: Jail[] = [];
afterEach(async () => {
  await Promise.all(jails.splice(0).map((jail) => jail.close()));
  await dirs.dispose();
});

async function open(): Promise<{ jail: Jail; sandbox: string; run: (script: string) => Promise<string> }> {
  if (!support.ok) throw new Error('no jail here');
  const root = await dirs.make('kept');
  const sandbox = await dirs.make('kept-sandbox');
  const jail = await openJail({
    support,
    stateDir: join(root, 'jail'),
    sandbox,
    sandboxWritable: true,
    repoRoot: sandbox,
    network: [],
    readDeny: [],
    write: [],
  });
  jails.push(jail);
  const run = async (script: string) => {
    const logFile = join(root, 'log');
    const opts = { command: { shell: script }, cwd: sandbox, env: {}, logFile };
    const r = await runProcess(await jail.wrap(opts));
    const log = readFileSync(logFile, 'utf8');
    if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0)
      throw new Error(`${JSON.stringify(r.outcome)}: ${log}`);
    return log.trim();
  };
  return { jail, sandbox, run };
}

/** Processes whose command line holds `text`. */
function processesNaming(text: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(text) ? [pid] : [];
      } catch {
        return [];
      }
    });
}

/**
 * What `get` answers once `done` accepts it, or after 5 s: a process a shell started in the
 * background may not have been exec'd yet when that shell returns.
 */
async function settled<T>(get: () => T | Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (const deadline = Date.now() + 5000; ;) {
    const value = await get();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether this machine enters a kept jail (not where bwrap's user namespace cannot be entered). */
async function entersKeptJail(): Promise<boolean> {
  if (!support.ok || support.tool !== 'bwrap' || !tools) return false;
  const { jail, sandbox } = await open();
  const wrapped = await jail.wrap({
    command: { argv: ['true'] },
    cwd: sandbox,
    env: {},
    logFile: '/dev/null',
  });
  await jail.close();
  await dirs.dispose();
  return 'argv' in wrapped.command && wrapped.command.argv[0] === tools.nsenter;
}
const enters = await entersKeptJail();

describe.skipIf(!enters)('a task kept jail (nsenter)', () => {
  it('runs later processes in the jail the first one started, without any capability', async () => {
    const { run } = await open();
    // The same PID namespace: the second process sees what the first left running there.
    await run('setsid sleep 97 >/dev/null 2>&1 < /dev/null &');
    expect(
      await settled(
        () => run('ps -eo args'),
        (out) => out.includes('sleep 97'),
      ),
    ).toContain('sleep 97');
    // As bwrap --cap-drop ALL and its no_new_privs: root outside (CI) is no root inside.
    const status = await run('grep -E "^(CapEff|CapPrm|CapBnd|CapAmb|NoNewPrivs):" /proc/self/status');
    expect(status).toMatch(/CapEff:\s+0+\n/);
    expect(status).toMatch(/CapPrm:\s+0+\n/);
    // Not root, the bounding set stays full once entered: with no capability and no_new_privs, no
    // exec can raise one (see `startKeptJail`).
    if (process.getuid?.() === 0) expect(status).toMatch(/CapBnd:\s+0+\n/);
    expect(status).toMatch(/NoNewPrivs:\s+1/);
    await expect(run('mount -o remount,rw /')).rejects.toThrow();
  });

  it('starts the jail again for the next process when one of its processes ended it', async () => {
    const { run } = await open();
    // It may die with the jail it ended, before it exits itself.
    await run('kill -KILL -1; true').catch(() => undefined);
    expect(await run('echo still jailed; test ! -w /etc')).toBe('still jailed');
  });

  it('ends everything left running in the jail when the task closes it', async () => {
    const { jail, run } = await open();
    await run('setsid sleep 98 >/dev/null 2>&1 < /dev/null &');
    expect(
      await settled(
        () => processesNaming('sleep 98'),
        (found) => found.length > 0,
      ),
    ).toHaveLength(1);
    await jail.close();
    expect(processesNaming('sleep 98')).toEqual([]);
  });

  it('lets the CLI end its run once the tasks are done, their kept jails closed', () => {
    const fx = new RunFixture();
    try {
      writeFileSync(
        join(fx.repo, 'orchestra.yaml'),
        `version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: os }
tasks:
  one: { run: 'echo one > one.txt' }
  two: { run: 'echo two > two.txt', needs: [one] }
`,
      );
      const r = cli(['run'], fx.repo);
      expect(r.code, r.stderr).toBe(0);
      expect(cli(['status'], fx.repo).stdout).toMatch(/^two +succeeded +1 .* os$/m);
    } finally {
      fx.cleanup();
    }
  });
});

import { mkdirSync, mkdtempSync, readFileSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectIsolation } from '../../src/isolation/detect.js';
import { findProgram } from '../../src/doctor/find-program.js';
import { cli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

const ESCAPE_AGENT = fileURLToPath(new URL('../fixtures/agents/escape-agent.mjs', import.meta.url));
const support = await detectIsolation();
const ALL_TRIES = ['checkout', 'home', 'config', 'hooks', 'ref', 'ssh', 'signal', 'state', 'remount'];

let fx: RunFixture;
let home: string;
beforeEach(() => {
  fx = new RunFixture();
  // A HOME of the test's own, with a key to steal and an agent login to use.
  home = join(fx.root, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_test'), 'PRIVATE KEY\n');
  mkdirSync(join(home, '.claude'));
  writeFileSync(join(home, '.claude', '.credentials.json'), '{"token":"t"}\n');
  vi.stubEnv('HOME', home);
});
afterEach(() => {
  vi.unstubAllEnvs();
  fx.cleanup();
});

function workflow(isolation: string, tries: string[]): string {
  const args = JSON.stringify({ repo: fx.repo, orchestraPid: process.pid, tries });
  const command = JSON.stringify([process.execPath, ESCAPE_AGENT, args]);
  return `version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: ${isolation} }
agents:
  escaper: { command: ${command} }
tasks:
  escape: { agent: escaper, prompt: get out }
`;
}

describe.skipIf(!support.ok)(
  `isolation: os (bubblewrap)${support.ok ? '' : `: skipped, ${support.why}`}`,
  () => {
    it('stops every escape, while the agent writes, runs git and commits in its own sandbox', async () => {
      const configBefore = readFileSync(join(fx.repo, '.git', 'config'), 'utf8');
      const { result, events } = await fx.run(workflow('os', ALL_TRIES));
      const task = result.record.tasks.escape!;
      expect(task.failure).toBeUndefined();
      expect(task.status).toBe('succeeded');
      expect(task.isolation).toBe('os');
      expect(events.find((e) => e.type === 'task-started')).toMatchObject({ isolation: 'os' });
      // Only its own (copied) login state was writable.
      expect(JSON.parse(fx.show(task.branch, 'escapes.json'))).toEqual(['state']);
      expect(existsSync(join(home, '.claude', 'agent-wrote.txt'))).toBe(false);
      expect(fx.show(task.branch, 'inside.txt')).toBe('written inside the sandbox');
      expect(fx.git('log', '--format=%s', task.branch)).toContain('agent: its own commit');
      // Nothing of the user's changed.
      expect(existsSync(join(fx.repo, 'escaped.txt'))).toBe(false);
      expect(existsSync(join(home, 'escaped.txt'))).toBe(false);
      expect(readFileSync(join(fx.repo, '.git', 'config'), 'utf8')).toBe(configBefore);
      expect(existsSync(join(fx.repo, '.git', 'hooks', 'post-checkout'))).toBe(false);
      expect(fx.git('branch', '--list', 'escaped')).toBe('');
      // The jail's own folders (private tmp, state copies) went with the sandbox (keep: never).
      expect(existsSync(join(fx.sandboxes, result.runId))).toBe(false);
    });

    it('jails a run: task and a gate too', async () => {
      const { result } = await fx.run(`version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: os }
gates:
  probe: 'touch "$HOME/gate-escaped" 2>/dev/null; test -w . && test ! -e "$HOME/gate-escaped"'
tasks:
  cmd:
    run: 'touch "$HOME/run-escaped" 2>/dev/null; echo "$(id -u) $$" > run.txt'
    verify: [probe]
`);
      const task = result.record.tasks.cmd!;
      expect(task.failure).toBeUndefined();
      expect(task.status).toBe('succeeded');
      expect(task.attempts[0]!.gates).toMatchObject([{ name: 'probe', ok: true }]);
      expect(existsSync(join(home, 'run-escaped'))).toBe(false);
      expect(existsSync(join(home, 'gate-escaped'))).toBe(false);
      // Its own pid namespace: the shell is one of its first processes; the user is the user.
      const [uid, pid] = fx.show(task.branch, 'run.txt').split(' ').map(Number);
      expect(uid).toBe(process.getuid!());
      expect(pid).toBeLessThan(10);
      const status = cli(['status'], fx.repo);
      expect(status.stdout).toMatch(/^TASK +STATUS +ATTEMPTS +TIME +BRANCH +ISOLATION/m);
      expect(status.stdout).toMatch(/^cmd +succeeded +1 .* os$/m);
    });

    it('times out a jailed task: its processes in the jail are ended too', async () => {
      const started = Date.now();
      const { result } = await fx.run(`version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: os }
tasks:
  slow: { run: 'sleep 60 & sleep 60; wait', timeout: 2s }
`);
      expect(result.record.tasks.slow!.failure?.reason).toBe('agent-timed-out');
      expect(Date.now() - started).toBeLessThan(30_000);
    });

    it('gives a link:ed folder a writable layer of the task, kept between its processes, the user copy untouched', async () => {
      fx.writeFiles({ '.gitignore': 'node_modules\n' });
      fx.git('add', '-A');
      fx.git('commit', '-qm', 'ignore node_modules');
      fx.writeFiles({ 'node_modules/pkg/index.js': 'original\n' });
      const { result } = await fx.run(`version: 1
sandbox:
  dir: ${JSON.stringify(fx.sandboxes)}
  keep: never
  isolation: os
  link: [node_modules]
  setup: ['mkdir -p node_modules/.cache && echo from-setup > node_modules/.cache/setup.txt']
tasks:
  cached:
    run: 'echo changed >> node_modules/pkg/index.js && cat node_modules/.cache/setup.txt node_modules/pkg/index.js > seen.txt'
`);
      const task = result.record.tasks.cached!;
      expect(task.failure).toBeUndefined();
      expect(task.status).toBe('succeeded');
      expect(fx.show(task.branch, 'seen.txt')).toBe('from-setup\noriginal\nchanged');
      expect(readFileSync(join(fx.repo, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('original\n');
      expect(existsSync(join(fx.repo, 'node_modules', '.cache'))).toBe(false);
    });
  },
);

describe('isolation: none', () => {
  it('lets the same agent write $HOME (what the jail takes away)', async () => {
    const { result } = await fx.run(workflow('none', ['home']));
    const task = result.record.tasks.escape!;
    expect(task.status).toBe('succeeded');
    expect(task.isolation).toBe('none');
    expect(JSON.parse(fx.show(task.branch, 'escapes.json'))).toEqual(['home']);
    expect(existsSync(join(home, 'escaped.txt'))).toBe(true);
  });
});

describe('a machine without bubblewrap', () => {
  /** A PATH with git, sh and node but no bwrap. */
  function pathWithoutBwrap(): string {
    const bin = mkdtempSync(join(fx.root, 'bin-'));
    for (const name of ['git', 'sh', 'node', 'id', 'touch', 'test'])
      symlinkSync(findProgram(name, '/')!, join(bin, name));
    return bin;
  }

  it('auto: runs the tasks unisolated, with one warning saying what to install', async () => {
    vi.stubEnv('PATH', pathWithoutBwrap());
    const { result, events } = await fx.run(workflow('auto', ['home']));
    const started = events.find((e) => e.type === 'run-started');
    const warnings = started?.type === 'run-started' ? started.warnings : [];
    expect(warnings.filter((w) => w.includes('isolation'))).toEqual([
      expect.stringMatching(/bubblewrap \(bwrap\) is not on PATH; install bubblewrap/),
    ]);
    expect(result.record.tasks.escape).toMatchObject({ status: 'succeeded', isolation: 'none' });
  });

  it('os: exits 2 before any task, saying what to install', () => {
    writeFileSync(join(fx.repo, 'orchestra.yaml'), workflow('os', ['home']));
    const r = cli(['run'], fx.repo, { PATH: pathWithoutBwrap(), HOME: home });
    expect(r.stderr).toMatch(/isolation "os" needs an OS sandbox, and bubblewrap \(bwrap\) is not on PATH/);
    expect(r.stderr).toMatch(/apt-get install bubblewrap/);
    expect(r.code).toBe(2);
    expect(existsSync(join(home, 'escaped.txt'))).toBe(false);
  });
});

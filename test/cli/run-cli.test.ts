import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { MAX_TASK_ID_BYTES } from '../../src/config/rules/task-id-length.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const record = (repo: string, runId: string) =>
  JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;
const parse = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);

describe('the bundled quickstart', () => {
  it('runs the whole loop: parallel tasks, a forbidden path, a retried gate, one integrated branch', () => {
    const root = mkdtempSync(join(tmpdir(), 'orchestra-quickstart-test-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const repo = join(root, 'repo');
    cpSync(new URL('../../examples/quickstart/project', import.meta.url), repo, { recursive: true });
    const git = (...a: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@l', ...a], {
        cwd: repo,
        encoding: 'utf8',
      }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'init');

    const { code, stdout, stderr } = cli(['run', '--json'], repo, { XDG_CACHE_HOME: join(root, 'cache') });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = parse(stdout);
    const end = events.at(-1)!;
    expect(end).toMatchObject({ type: 'run-finished', outcome: 'succeeded' });
    if (end.type !== 'run-finished') throw new Error('unreachable');
    expect(end.tasks.find((t) => t.task === 'implement')!.attempts).toBe(2);
    const branch = end.resultBranch!;
    expect(git('show', `${branch}:src/shout.mjs`)).toContain("+ '!'");
    expect(git('show', `${branch}:docs/usage.md`)).toContain('shout');
    expect(git('show', `${branch}:CHANGELOG.md`)).toBe('- add shout()');
    expect(git('symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git('status', '--porcelain')).toBe('');
    // The three roots really overlapped.
    const starts = events.filter((e) => e.type === 'task-started' && e.attempt === 1);
    const firstFinish = events.findIndex((e) => e.type === 'task-finished');
    expect(starts.filter((e) => events.indexOf(e) < firstFinish).length).toBe(3);
  });
});

describe('npm run quickstart (try.mjs)', () => {
  const tryIt = (args: string[], tmp: string) =>
    spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../examples/quickstart/try.mjs', import.meta.url)), ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: tmp },
      },
    );

  it('says where its scratch folders are, removes them on success and keeps them on failure', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'orchestra-try-'));
    cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

    const ok = tryIt(['docs'], tmp);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/quickstart repository: .*orchestra-quickstart-/);
    expect(ok.stdout).toContain('Removed ');
    expect(readdirSync(tmp)).toEqual([]);

    const failed = tryIt(['--bogus'], tmp);
    expect(failed.status).toBe(2);
    // The cache folder is made only once orchestra got as far as writing to it.
    const [repo] = readdirSync(tmp).map((name) => join(tmp, name));
    expect(failed.stdout).toContain(`Kept for a look: ${repo} and ${repo}-cache`);
    // The copy's schema modeline resolves from the scratch repository.
    const modeline = readFileSync(join(repo!, 'orchestra.yaml'), 'utf8').split('\n')[0]!;
    expect(existsSync(resolve(repo!, modeline.replace(/^.*\$schema=/, '')))).toBe(true);
  });
});

describe('orchestra run', () => {
  it('prints the plan with --dry-run and runs nothing', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(
      'version: 1\nagents:\n  bot:\n    command: AGENT_COMMAND\n    concurrency: 1\ngates:\n  t: "true"\ntasks:\n  a: { agent: bot, prompt: x, verify: [t] }\n  b: { run: echo hi, needs: [a] }\n',
    );
    const { code, stdout } = cli(['run', '-f', file, '--dry-run'], fx.repo);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1\. a: agent bot\n.*gates: t; retries: 0; pool: bot ≤ 1/);
    expect(stdout).toContain('2. b: run: echo hi');
    expect(fx.invocations()).toEqual([]);
    expect(existsSync(join(fx.repo, '.orchestra'))).toBe(false);
  });

  it('exits 1 when a task fails and 2 for an unknown target', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  a: { run: "exit 3" }\n`);
    expect(cli(['run', '-f', file], fx.repo, { CI: '1' }).code).toBe(1);
    const unknown = cli(['run', '-f', file, 'nope'], fx.repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown task "nope"');
  });

  it('runs a task whose id has the longest length allowed; validate refuses one byte more', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const id = 'a'.repeat(MAX_TASK_ID_BYTES);
    const workflow = (task: string) =>
      `${HEADER.replace('never', 'always')}gates:\n  t: "true"\ntasks:\n  ${task}: { run: "echo x > x.txt", verify: [t] }\n  b: { agent: bot, prompt: x, needs: [${task}] }\n`;
    const file = fx.setup(workflow(id));
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    fx.setup(workflow(`${id}b`));
    const refused = cli(['validate', '-f', file], fx.repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the limit is ${MAX_TASK_ID_BYTES}`);
  });

  it('refuses a --var that makes the result branch invalid before any task runs, with exit 2', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(
      `${HEADER}vars:\n  topic: x\ntasks:\n  a: { run: "exit 0" }\nintegrate:\n  branch: "feature/\${{ vars.topic }}"\n`,
    );
    const r = cli(['run', '-f', file, '--var', 'topic=a..b'], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'orchestra.yaml:14:11  error integrate.branch: the result branch would be "feature/a..b" with vars.topic = "a..b" (from --var)',
    );
    expect(existsSync(join(fx.repo, '.orchestra'))).toBe(false);
  });

  it('on Ctrl-C ends the agents process trees, records cancelled, and exits 130', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(
      `${HEADER}tasks:\n  slow: { agent: bot, prompt: x }\n  later: { agent: bot, prompt: y, needs: [slow] }\n`,
      { slow: [{ grandchild: true, sleepMs: 60_000 }] },
    );
    const run = new LiveCli(['run', '-f', file], fx.repo);
    const started = await run.waitFor((e) => e.type === 'task-started');
    // The grandchild is logged right after it is spawned: wait for it before interrupting.
    await waitUntil(() => fx.invocations().some((i) => i.grandchild));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const rec = record(fx.repo, (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId);
    expect(rec.outcome).toBe('cancelled');
    expect(rec.tasks.slow!.status).toBe('cancelled');
    expect(rec.tasks.later!.status).toBe('cancelled');
    expect(isAlive(fx.invocations().find((i) => i.grandchild)!.grandchild!)).toBe(false);
    expect(existsSync(join(fx.sandboxes, rec.id, 'slow'))).toBe(false); // keep: never
    expect(started.type).toBe('task-started');
  });
});

describe('a second Ctrl-C', () => {
  it('exits at once with 130, without waiting for agents that ignore SIGTERM', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  stubborn: { run: "trap '' TERM; echo started; sleep 60" }\n`);
    const run = new LiveCli(['run', '-f', file], fx.repo);
    await run.waitFor((e) => e.type === 'task-output' && e.line === 'started');
    run.child.kill('SIGINT');
    // The first Ctrl-C asks the shell to stop; it ignores SIGTERM, so orchestra would wait for the
    // kill grace period. The second one leaves at once.
    await new Promise((r) => setTimeout(r, 200));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.events.some((e) => e.type === 'run-finished')).toBe(false);
  });
});

async function waitUntil(ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

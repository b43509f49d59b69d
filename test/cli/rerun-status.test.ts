import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import type { Step } from '../support/run-fixture.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** a → b → c, and d beside them; c fails until the gate's file is fixed. */
const WORKFLOW = `${HEADER.replace('keep: never', 'keep: on-failure')}gates:
  fixed: test -f fixed.txt || { echo "fixed.txt is missing"; exit 1; }
vars:
  flavour: plain
tasks:
  a: { agent: bot, prompt: "first \${{ vars.flavour }}" }
  b: { agent: bot, prompt: second, needs: [a] }
  c: { agent: bot, prompt: third, needs: [b], verify: [fixed] }
  d: { agent: bot, prompt: beside }
`;
const SCRIPT: Record<string, Step[]> = {
  a: [{ write: { 'a.txt': 'a' } }],
  b: [{ write: { 'b.txt': 'b' } }],
  c: [{ write: { 'c.txt': 'c' } }],
  d: [{ write: { 'd.txt': 'd' } }],
};

const record = (runId: string) =>
  JSON.parse(readFileSync(join(fx.repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;
const runIdOf = (stdout: string) =>
  (JSON.parse(stdout.split('\n')[0]!) as Extract<EngineEvent, { type: 'run-started' }>).runId;
const invoked = () => fx.invocations().map((i) => i.task);

function failedRun(): { file: string; runId: string } {
  const file = fx.setup(WORKFLOW, SCRIPT);
  const r = cli(['run', '-f', file, '--json'], fx.repo);
  expect(r.code).toBe(1);
  return { file, runId: runIdOf(r.stdout) };
}

describe('status, runs and logs after a failure', () => {
  it('status shows every task, the base, what failed and how to rerun; exit code 1', () => {
    fx = new RunFixture();
    const { file, runId } = failedRun();
    const s = cli(['status'], fx.repo);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain(`run ${runId} (`);
    expect(s.stdout).toMatch(/^a\s+succeeded\s+1\s/m);
    expect(s.stdout).toMatch(/^c\s+failed\s+1\s.*gate-failed: gate "fixed" failed \(exit code 1\)/m);
    expect(s.stdout).toMatch(/^d\s+succeeded/m);
    expect(s.stdout).toContain(`base: HEAD at ${fx.git('rev-parse', 'HEAD').slice(0, 10)}`);
    expect(s.stdout).toContain(`orchestra rerun --failed --run ${runId}`);

    // A failed task's branch holds its work; the failure is under its own header.
    const c = record(runId).tasks.c!;
    expect(s.stdout).toMatch(
      new RegExp(`^c\\s+failed\\s+1\\s+\\d+(\\.\\d)?m?s\\s+${c.branch}\\s+gate-failed`, 'm'),
    );
    expect(s.stdout).toMatch(/^TASK\s+STATUS\s+ATTEMPTS\s+TIME\s+BRANCH\s+NOTE$/m);
    // -f: the latest run of that workflow file.
    expect(cli(['status', '-f', file], fx.repo).stdout).toContain(`run ${runId} (`);
    expect(cli(['status', '-f', join(fx.root, 'other.yaml')], fx.repo).code).toBe(2);

    const runs = cli(['runs'], fx.repo);
    expect(runs.code).toBe(0);
    const started = new Date(record(runId).startedAt);
    const local = `${started.getFullYear()}-${String(started.getMonth() + 1).padStart(2, '0')}-${String(started.getDate()).padStart(2, '0')} ${String(started.getHours()).padStart(2, '0')}:${String(started.getMinutes()).padStart(2, '0')}`;
    expect(runs.stdout).toMatch(
      new RegExp(
        `^${runId}\\s+\\S+\\s+${local}\\s+\\d+(\\.\\d)?m?s\\s+3 succeeded, 1 failed\\s+failed$`,
        'm',
      ),
    );
    const [json] = JSON.parse(cli(['runs', '--json'], fx.repo).stdout) as {
      tasks: object;
      durationMs: number;
    }[];
    expect(json).toMatchObject({ tasks: { succeeded: 3, failed: 1 } });
    expect(json!.durationMs).toBeGreaterThan(0);

    const gateLog = cli(['logs', 'c', '--gate', 'fixed'], fx.repo);
    expect(gateLog.stdout).toBe('fixed.txt is missing\n');
    expect(cli(['logs', 'c'], fx.repo).stdout).toBe('c done (attempt 1)\n');
    expect(JSON.parse(cli(['logs', 'c', '--gate', 'fixed', '--json'], fx.repo).stdout)).toMatchObject({
      run: runId,
      task: 'c',
      attempt: 1,
      gate: 'fixed',
      text: 'fixed.txt is missing\n',
    });
    const missing = cli(['logs', 'c', '--attempt', '7'], fx.repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"c" has no attempt 7');
  });

  it('logs --follow tails a task running in another process until it finishes', async () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:\n  slow: { run: "echo one; sleep 1; echo two" }\n`);
    const run = new LiveCli(['run', '-f', file], fx.repo);
    await run.waitFor((e) => e.type === 'task-started');
    const follow = cli(['logs', 'slow', '--follow'], fx.repo);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toBe('one\ntwo\n');
    expect(await run.exited).toBe(0);
  });
});

describe('rerun', () => {
  it('reruns a failed task from the recorded upstream results: no upstream agent runs again', () => {
    fx = new RunFixture();
    const { file, runId } = failedRun();
    expect(invoked().sort()).toEqual(['a', 'b', 'c', 'd']);
    fx.writeFiles({ 'fixed.txt': 'yes' });
    fx.git('add', 'fixed.txt');
    fx.git('commit', '-qm', 'fix');
    // The fix is in the repository, not in the recorded upstream results: the gate's sandbox
    // starts from b's result, so the agent has to write it this time.
    writeFileSync(
      fx.script,
      JSON.stringify({
        log: fx.log,
        tasks: { ...SCRIPT, c: [{ write: { 'c.txt': 'c', 'fixed.txt': 'y' } }] },
      }),
    );
    const r = cli(['rerun', 'c', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(invoked().slice(4)).toEqual(['c']);
    const rec = record(runId);
    expect(rec.outcome).toBe('succeeded');
    expect(rec.history.map((h) => h.command)).toEqual(['run', 'rerun c']);
    for (const f of ['a.txt', 'b.txt', 'c.txt', 'd.txt'])
      expect(fx.show(rec.integration.branch, f)).toBe(f[0]);
    expect(cli(['status', '--run', runId], fx.repo).code).toBe(0);
  });

  it('rerun --failed picks every task without a result, and refuses when there is none', () => {
    fx = new RunFixture();
    const { file } = failedRun();
    writeFileSync(
      fx.script,
      JSON.stringify({ log: fx.log, tasks: { ...SCRIPT, c: [{ write: { 'fixed.txt': 'y' } }] } }),
    );
    // No -f: the run goes on with the file it was started from (outside the repository here, where
    // discovery would find nothing).
    expect(cli(['rerun', '--failed'], fx.repo, { CI: '1' }).code).toBe(0);
    expect(invoked().slice(4)).toEqual(['c']);
    const again = cli(['rerun', '--failed', '-f', file], fx.repo);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('nothing to rerun: every task of the run succeeded');
  });

  it('refuses to reuse an upstream result whose definition changed, unless told', () => {
    fx = new RunFixture();
    const { file } = failedRun();
    writeFileSync(file, readFileSync(file, 'utf8').replace('prompt: second', 'prompt: second reworded'));
    const refused = cli(['rerun', 'c', '-f', file], fx.repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"b" changed since the run');
    expect(refused.stderr).toContain('orchestra rerun b c');
    expect(invoked()).toHaveLength(4);

    // A changed variable that a reused task uses is a change of its definition too.
    const byVar = cli(['rerun', 'c', '-f', file, '--var', 'flavour=spicy', '--allow-stale'], fx.repo, {
      CI: '1',
    });
    expect(byVar.code).toBe(1); // c still fails its gate, but it ran
    expect(invoked().slice(4)).toEqual(['c']);

    // The run now records flavour=spicy, which a rerun keeps: going back to the default is a change.
    const back = cli(['rerun', 'b', 'c', '-f', file, '--var', 'flavour=plain'], fx.repo);
    expect(back.stderr).toContain('"a" changed since the run');
    expect(cli(['rerun', 'b', 'c', '-f', file], fx.repo, { CI: '1' }).code).toBe(1);
    expect(invoked().slice(5)).toEqual(['b', 'c']);
  });

  it('refuses a task whose need has no result, naming the fix', () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW, { ...SCRIPT, a: [{ exit: 1 }] });
    expect(cli(['run', '-f', file], fx.repo, { CI: '1' }).code).toBe(1);
    const r = cli(['rerun', 'b', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"b" needs "a", which has no result in this run');
    expect(r.stderr).toContain('orchestra rerun a b');
  });
});

describe('run --reuse and clean', () => {
  it('reuses tasks with the same fingerprint from an earlier run and says so', () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW.replace(', verify: [fixed]', ''), SCRIPT);
    expect(cli(['run', '-f', file], fx.repo, { CI: '1' }).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('prompt: third', 'prompt: third reworded'));
    const second = cli(['run', '-f', file, '--reuse', '--json'], fx.repo);
    expect(second.code).toBe(0);
    const events = second.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EngineEvent);
    const started = events[0] as Extract<EngineEvent, { type: 'run-started' }>;
    expect(started.reused.map((r) => r.task).sort()).toEqual(['a', 'b', 'd']);
    expect(invoked().slice(4)).toEqual(['c']);
    const rec = record(started.runId);
    expect(rec.tasks.a!.status).toBe('skipped');
    expect(fx.show(rec.integration.branch, 'a.txt')).toBe('a');
    expect(cli(['status'], fx.repo).stdout).toMatch(/^a\s+reused \(\d{8}-\d{6}-[0-9a-f]{4}\)/m);
  });

  it('clean removes kept sandboxes; --all --branches removes records and branches too', () => {
    fx = new RunFixture();
    const { runId } = failedRun();
    expect(existsSync(join(fx.sandboxes, runId, 'c'))).toBe(true);
    const plain = cli(['clean'], fx.repo);
    expect(plain.stdout).toContain('removed 1 worktree(s)');
    expect(existsSync(join(fx.sandboxes, runId))).toBe(false);
    expect(fx.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(existsSync(join(fx.repo, '.orchestra/runs', runId))).toBe(true);
    expect(fx.git('branch', '--list', `orchestra/tasks/${runId}/*`)).not.toBe('');

    cli(['clean', '--all', '--branches'], fx.repo);
    expect(fx.git('branch', '--list', 'orchestra/*')).toBe('');
    expect(existsSync(join(fx.repo, '.orchestra/runs', runId))).toBe(false);
  });
});

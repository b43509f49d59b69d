import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { PtyCli } from '../support/pty.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const record = (repo: string, runId: string) =>
  JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;
const runIdOf = (run: LiveCli) => (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;

// build → ship (approval) → deploy; `side` needs nothing and runs while ship waits, with one slot.
const WORKFLOW = `${HEADER}concurrency: 1
tasks:
  build: { run: "echo built > built.txt" }
  ship:
    approval: "Ship \${{ tasks.build.commit }}?"
    needs: [build]
  deploy: { run: "echo deployed > deployed.txt", needs: [ship] }
  side: { run: "echo side > side.txt", needs: [build] }
`;

/** A repository whose user.name is `test`, with WORKFLOW. */
function workflowRepo(): { fx: RunFixture; file: string } {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  fx.git('config', 'user.name', 'test');
  return { fx, file: fx.setup(WORKFLOW) };
}

/** `orchestra run` of WORKFLOW in the background. */
function startRun(): { fx: RunFixture; run: LiveCli } {
  const { fx, file } = workflowRepo();
  const run = new LiveCli(['run', '-f', file], fx.repo);
  cleanups.push(() => run.child.kill('SIGKILL'));
  return { fx, run };
}

/** `orchestra run` of WORKFLOW in a terminal; `noInput`: stdin is not the terminal. */
function startPtyRun(opts: { noInput?: boolean } = {}): { fx: RunFixture; run: PtyCli } {
  const { fx, file } = workflowRepo();
  const run = new PtyCli(['run', '-f', file], fx.repo, opts);
  cleanups.push(() => run.child.kill('SIGKILL'));
  return { fx, run };
}

/** The record of the repository's only run. */
const onlyRun = (fx: RunFixture) => record(fx.repo, readdirSync(join(fx.repo, '.orchestra/runs'))[0]!);

describe('approval tasks', () => {
  it('waits without a slot; approve from a second process continues the waiting run at once', async () => {
    const { fx, run } = startRun();
    const waiting = await run.waitFor(
      (e): e is Extract<EngineEvent, { type: 'approval-waiting' }> => e.type === 'approval-waiting',
    );
    const runId = runIdOf(run);
    const build = record(fx.repo, runId).tasks.build!.commit!;
    expect(waiting).toMatchObject({ task: 'ship', runId, text: `Ship ${build}?` });
    // The other task ran in the only slot while ship waited.
    await run.waitFor((e) => e.type === 'task-finished' && e.task === 'side' && e.status === 'succeeded');
    expect(record(fx.repo, runId).tasks.ship!.status).toBe('waiting');
    expect(cli(['status'], fx.repo).stdout).toMatch(
      /ship\s+waiting .*waiting for approval: Ship [0-9a-f]{40}\?/,
    );

    const approved = cli(['approve', 'ship', '-m', 'looks good'], fx.repo);
    expect(approved.stdout).toBe(`ship approved by test; run ${runId} goes on\n`);
    expect(approved.code).toBe(0);
    expect(await run.exited).toBe(0);
    const rec = record(fx.repo, runId);
    expect(rec.tasks.ship).toMatchObject({
      status: 'succeeded',
      commit: build,
      approval: { text: `Ship ${build}?`, decision: 'approved', by: 'test', note: 'looks good' },
    });
    expect(rec.tasks.ship!.approval!.at).toBeGreaterThan(rec.startedAt);
    expect(fx.show(`orchestra/${runId}`, 'deployed.txt')).toBe('deployed');
    expect(cli(['status'], fx.repo).stdout).toMatch(/ship\s+succeeded .*approved by test: looks good/);
    // Decided once: asking again is refused.
    const again = cli(['reject', 'ship'], fx.repo);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('"ship" was already approved by test');
  });

  it('reject fails the approval and blocks its dependents; the run fails', async () => {
    const { fx, run } = startRun();
    await run.waitFor((e) => e.type === 'approval-waiting');
    const runId = runIdOf(run);
    expect(cli(['reject', 'ship', '--run', runId, '-m', 'not today'], fx.repo).code).toBe(0);
    expect(await run.exited).toBe(1);
    const rec = record(fx.repo, runId);
    expect(rec.tasks.ship).toMatchObject({
      status: 'failed',
      failure: { reason: 'rejected', message: 'rejected by test: not today' },
      approval: { decision: 'rejected', note: 'not today' },
    });
    expect(rec.tasks.deploy!.status).toBe('blocked');
  });

  it('a run stopped while waiting resumes after the decision without asking again', async () => {
    const { fx, run } = startRun();
    await run.waitFor((e) => e.type === 'approval-waiting');
    // Only the approval is left: the run stays alive until it is stopped.
    await run.waitFor((e) => e.type === 'task-finished' && e.task === 'side');
    await new Promise((r) => setTimeout(r, 500));
    expect(run.child.exitCode).toBe(null);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const runId = runIdOf(run);
    expect(record(fx.repo, runId).tasks.ship!.status).toBe('cancelled');

    const approved = cli(['approve', 'ship'], fx.repo);
    expect(approved.stdout).toContain(
      `run ${runId} is not running: continue it with "orchestra resume --run ${runId}"`,
    );
    const resumed = cli(['resume', '--json'], fx.repo);
    expect(resumed.code).toBe(0);
    const events = resumed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EngineEvent);
    // Decided while stopped: applied at once, with no new question.
    expect(events.some((e) => e.type === 'approval-waiting')).toBe(false);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'task-finished', task: 'ship', status: 'succeeded' }),
    );
    expect(record(fx.repo, runId).tasks.ship).toMatchObject({
      status: 'succeeded',
      approval: { decision: 'approved' },
    });
    expect(record(fx.repo, runId).tasks.deploy!.status).toBe('succeeded');
  });

  it('refuses to approve what is not an approval task, with exit code 2', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  a: { run: "echo a" }\n`);
    expect(cli(['run', '-f', file], fx.repo).code).toBe(0);
    const r = cli(['approve', 'a'], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('task "a" of run');
    expect(r.stderr).toContain('is not an approval task');
    expect(cli(['approve', 'nope'], fx.repo).stderr).toContain('task "nope" is not part of run');
  });
});

describe('approvals in a terminal', () => {
  it('asks; "y" and a note approve, and the run goes on', async () => {
    const { fx, run } = startPtyRun();
    await run.waitFor(/approval "ship": Ship [0-9a-f]{40}\?\r?\napprove\? \[y\/n\] $/);
    run.type('y\r');
    await run.waitFor(/note \(optional, Enter for none\): $/);
    run.type('ship on Friday\r');
    expect(await run.exited).toBe(0);
    const rec = onlyRun(fx);
    expect(rec.tasks.ship).toMatchObject({
      status: 'succeeded',
      approval: { decision: 'approved', by: 'test', note: 'ship on Friday' },
    });
    expect(rec.tasks.deploy!.status).toBe('succeeded');
  });

  it('"n" rejects: the approval fails, what needs it is blocked', async () => {
    const { fx, run } = startPtyRun();
    await run.waitFor(/approve\? \[y\/n\] $/);
    // An answer that is neither asks again.
    run.type('maybe\r');
    await run.waitFor(/maybe\r?\n(.*\r?\n)*approve\? \[y\/n\] $/);
    run.type('n\r\r');
    expect(await run.exited).toBe(1);
    const rec = onlyRun(fx);
    expect(rec.tasks.ship).toMatchObject({ status: 'failed', approval: { decision: 'rejected' } });
    expect(rec.tasks.deploy!.status).toBe('blocked');
  });

  it('with stdin not a terminal, the live view says to run orchestra approve, and the run waits for it', async () => {
    const { fx, run } = startPtyRun({ noInput: true });
    await run.waitFor(/ship\s+waiting for approval: orchestra approve ship --run \S+/);
    expect(run.output).not.toContain('approve? [y/n]');
    expect(cli(['approve', 'ship'], fx.repo).code).toBe(0);
    expect(await run.exited).toBe(0);
    expect(onlyRun(fx).tasks.deploy!.status).toBe('succeeded');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const record = (repo: string, runId: string) =>
  JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;

describe('orchestra cancel', () => {
  it('stops a run in another process as Ctrl-C would: exit 130, state cancelled, record intact', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(
      `${HEADER}tasks:\n  first: { run: "echo one > one.txt" }\n  slow: { run: "echo $$ > pid; echo started; exec sleep 60", needs: [first] }\n  after: { run: "echo three", needs: [slow] }\n`,
    );
    const run = new LiveCli(['run', '-f', file], fx.repo);
    cleanups.push(() => run.child.kill('SIGKILL'));
    const started = await run.waitFor(
      (e): e is Extract<EngineEvent, { type: 'task-started' }> =>
        e.type === 'task-started' && e.task === 'slow',
    );
    await run.waitFor((e) => e.type === 'task-output' && e.line === 'started');
    const pid = Number(readFileSync(join(started.sandbox, 'pid'), 'utf8'));
    const runId = (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;

    const cancelled = cli(['cancel'], fx.repo);
    expect(cancelled.stderr).toContain(`cancelling run ${runId}`);
    expect(cancelled.stdout).toBe(`run ${runId} cancelled\n`);
    expect(cancelled.code).toBe(0);
    expect(await run.exited).toBe(130);
    const rec = record(fx.repo, runId);
    expect(rec.outcome).toBe('cancelled');
    expect(rec.tasks.first!.status).toBe('succeeded');
    expect(rec.tasks.slow!.status).toBe('cancelled');
    expect(rec.tasks.after!.status).toBe('cancelled');
    expect(isAlive(pid)).toBe(false);
    // The request is gone with the run: a resume is not cancelled by it.
    expect(existsSync(join(fx.repo, '.orchestra/runs', runId, 'cancel.json'))).toBe(false);
    expect(cli(['status', '--run', runId], fx.repo).stdout).toContain('cancelled');
  });

  it('says there is nothing to cancel for a finished run, or one no process works on (exit 2)', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  a: { run: "echo a" }\n`);
    expect(cli(['run', '-f', file], fx.repo).code).toBe(0);
    const finished = cli(['cancel'], fx.repo);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toMatch(/run \S+ has finished \(succeeded\): there is nothing to cancel/);
    expect(finished.stderr).not.toMatch(/at .*\.js:\d+/);
    const none = cli(['cancel', '--run', 'nope'], fx.repo);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no run "nope"');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli } from '../support/cli.js';
import { PtyCli } from '../support/pty.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const WORKFLOW = `${HEADER}tasks:
  build: { run: "echo built > built.txt" }
  ship:
    approval: "Ship it?"
    needs: [build]
  deploy: { run: "echo deployed > deployed.txt", needs: [ship] }
`;

/** `orchestra run` of WORKFLOW in a terminal, in a repository whose user.name is `test`. */
function startRun(opts: { noInput?: boolean } = {}): { fx: RunFixture; run: PtyCli } {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  fx.git('config', 'user.name', 'test');
  const run = new PtyCli(['run', '-f', fx.setup(WORKFLOW)], fx.repo, opts);
  cleanups.push(() => run.child.kill('SIGKILL'));
  return { fx, run };
}

function runRecord(fx: RunFixture): RunRecord {
  const runs = join(fx.repo, '.orchestra/runs');
  const [runId] = cli(['status', '--json'], fx.repo).stdout.match(/\d{8}-\d{6}-[0-9a-f]{4}/) ?? [];
  return JSON.parse(readFileSync(join(runs, runId!, 'run.json'), 'utf8')) as RunRecord;
}

describe('approvals in a terminal', () => {
  it('asks; "y" and a note approve, and the run goes on', async () => {
    const { fx, run } = startRun();
    await run.waitFor(/approval "ship": Ship it\?\r?\napprove\? \[y\/n\] $/);
    run.type('y\r');
    await run.waitFor(/note \(optional, Enter for none\): $/);
    run.type('ship on Friday\r');
    expect(await run.exited).toBe(0);
    const record = runRecord(fx);
    expect(record.tasks.ship).toMatchObject({
      status: 'succeeded',
      approval: { decision: 'approved', by: 'test', note: 'ship on Friday' },
    });
    expect(record.tasks.deploy!.status).toBe('succeeded');
  });

  it('"n" rejects: the approval fails, what needs it is blocked', async () => {
    const { fx, run } = startRun();
    await run.waitFor(/approve\? \[y\/n\] $/);
    // An answer that is neither asks again.
    run.type('maybe\r');
    await run.waitFor(/maybe\r?\n(.*\r?\n)*approve\? \[y\/n\] $/);
    run.type('n\r\r');
    expect(await run.exited).toBe(1);
    const record = runRecord(fx);
    expect(record.tasks.ship).toMatchObject({ status: 'failed', approval: { decision: 'rejected' } });
    expect(record.tasks.deploy!.status).toBe('blocked');
  });

  it('without a terminal to answer in (stdin is not one), it waits for orchestra approve', async () => {
    const { fx, run } = startRun({ noInput: true });
    await run.waitFor(/ship\s+waiting for approval: orchestra approve ship/);
    expect(run.output).not.toContain('approve? [y/n]');
    expect(cli(['approve', 'ship'], fx.repo).code).toBe(0);
    expect(await run.exited).toBe(0);
    expect(runRecord(fx).tasks.deploy!.status).toBe('succeeded');
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { checkoutState, dirtyCheckout, filesAt, gitIn, userRefs } from '../support/checkout-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

// `run`, `rerun --failed`, `rerun <task>` and `resume` after a kill -9, through the built CLI, with
// the task under test in each sandbox type: the user's checkout stays as it was byte for byte, no
// branch of theirs moves, and every result holds exactly the expected files.

let fx: RunFixture;
let gatePid: string | undefined;
afterEach(() => {
  // The gate orphaned by the kill -9 (a `sleep`): ended here so that it outlives no test.
  if (gatePid && isAlive(Number(gatePid))) process.kill(Number(gatePid), 'SIGKILL');
  gatePid = undefined;
  fx?.cleanup();
});

const record = (runId: string) =>
  JSON.parse(readFileSync(join(fx.repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;

/** up and side → t (the sandbox type under test, with a gate the test steers) → down. */
function workflow(type: 'worktree' | 'clone' | 'none', gate: string): string {
  const work = type === 'none' ? 'run: "test -f README.md"' : 'agent: bot, prompt: t';
  return `${HEADER.replace('keep: never', 'keep: on-failure')}gates:
  steered: ${JSON.stringify(`sh ${gate}`)}
tasks:
  up: { agent: bot, prompt: up }
  side: { agent: bot, prompt: side, sandbox: { type: clone } }
  t: { ${work}, needs: [up, side], verify: [steered], sandbox: { type: ${type} } }
  down: { agent: bot, prompt: down, needs: [t] }
`;
}

describe.each(['worktree', 'clone', 'none'] as const)('a %s task through run, rerun and resume', (type) => {
  it('leaves the checkout and the user branches alone; each result holds exactly the work', async () => {
    fx = new RunFixture();
    dirtyCheckout(fx);
    const gate = join(fx.root, 'gate.sh');
    const steer = (script: string) => writeFileSync(gate, script);
    const file = fx.setup(workflow(type, gate), {
      up: [{ write: { 'up.txt': 'up' } }],
      side: [{ write: { 'side.txt': 'side' }, commit: 'side by the agent' }],
      t: [{ write: { 't.txt': 't' } }],
      down: [{ write: { 'down.txt': 'down' } }],
    });
    const before = checkoutState(fx.repo);
    const refs = userRefs(fx.repo);
    const base = filesAt(fx.repo, 'HEAD');
    const expected = [
      ...base,
      'down.txt',
      'side.txt',
      ...(type === 'none' ? [] : ['t.txt']),
      'up.txt',
    ].sort();
    const unchanged = (runId: string) => {
      expect(checkoutState(fx.repo)).toEqual(before);
      const branch = `orchestra/${runId}`;
      expect(userRefs(fx.repo).filter((r) => !r.startsWith(`refs/heads/${branch} `))).toEqual(refs);
    };

    steer('echo "not yet"; exit 1\n');
    const first = cli(['run', '-f', file, '--json'], fx.repo);
    expect(first.code).toBe(1);
    const runId = (JSON.parse(first.stdout.split('\n')[0]!) as { runId: string }).runId;
    expect(record(runId).tasks.t!.status).toBe('failed');
    expect(record(runId).tasks.down!.status).toBe('blocked');
    unchanged(runId);

    steer('exit 0\n');
    const failed = cli(['rerun', '--failed', '-f', file, '--json'], fx.repo);
    expect(failed.stderr).toBe('');
    expect(failed.code).toBe(0);
    unchanged(runId);
    const afterFailed = record(runId);
    expect(filesAt(fx.repo, `orchestra/${runId}`)).toEqual(expected);
    expect(gitIn(fx.repo, 'rev-parse', `orchestra/${runId}`)).toBe(afterFailed.integration.commit);

    const named = cli(['rerun', 't', '-f', file], fx.repo, { CI: '1' });
    expect(named.code).toBe(0);
    unchanged(runId);
    expect(filesAt(fx.repo, `orchestra/${runId}`)).toEqual(expected);
    // up and side were not run again: their results are the recorded ones.
    expect(record(runId).tasks.up!.commit).toBe(afterFailed.tasks.up!.commit);

    // kill -9 while t's gate runs, then resume.
    steer(`echo $$ > ${join(fx.root, 'gate.pid')}; exec sleep 30\n`);
    const live = new LiveCli(['rerun', 't', '-f', file], fx.repo);
    await live.waitFor((e: EngineEvent) => e.type === 'task-phase' && e.task === 't' && e.phase === 'verify');
    const pidFile = join(fx.root, 'gate.pid');
    for (const deadline = Date.now() + 10_000; !existsSync(pidFile) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 20));
    }
    live.child.kill('SIGKILL');
    await live.exited;
    gatePid = readFileSync(pidFile, 'utf8').trim();
    process.kill(Number(gatePid), 'SIGKILL');
    unchanged(runId);

    steer('exit 0\n');
    const resumed = cli(['resume', '-f', file, '--json'], fx.repo);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    unchanged(runId);
    const last = record(runId);
    expect(last.outcome).toBe('succeeded');
    expect(filesAt(fx.repo, `orchestra/${runId}`)).toEqual(expected);
    for (const id of ['up', 'side', 't', 'down']) {
      expect(gitIn(fx.repo, 'rev-parse', last.tasks[id]!.branch)).toBe(last.tasks[id]!.commit);
    }
    expect(gitIn(fx.repo, 'worktree', 'list', '--porcelain').split('\n\n')).toHaveLength(1);
  });
});

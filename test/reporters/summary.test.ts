import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { RunRecord, type EventOf } from '../../src/reporters/run-record.js';
import { createStyle } from '../../src/reporters/style.js';
import { formatSummary } from '../../src/reporters/summary.js';
import { expectInOrder } from './capture.js';
import { BASE, BRANCH, RUN_ID, scriptedRun } from './scripted-run.js';

const paths = { repoRoot: '/home/dev/shop', sandboxRoot: '/home/dev/.cache/orchestra/sandboxes' };

function summarize(events: EngineEvent[], cwd = paths.repoRoot): string {
  const record = new RunRecord();
  for (const event of events) record.observe(event);
  const finished = events.find((e): e is EventOf<'run-finished'> => e.type === 'run-finished');
  if (finished === undefined) throw new Error('the script has no run-finished');
  return formatSummary(finished, record, { style: createStyle(false), cwd, repoRoot: paths.repoRoot });
}

/** The scripted run with its last events replaced (the run-finished edited by `finish`). */
function variant(
  replaceFrom: EngineEvent['type'],
  extra: EngineEvent[],
  finish: (e: EventOf<'run-finished'>) => EventOf<'run-finished'>,
): EngineEvent[] {
  const events = scriptedRun(paths, Date.UTC(2025, 0, 15, 12, 1, 0));
  const cut = events.findIndex((e) => e.type === replaceFrom);
  const finished = events.at(-1) as EventOf<'run-finished'>;
  return [...events.slice(0, cut), ...extra, finish(finished)];
}

describe('summary', () => {
  it('tabulates each task, then says where the result is, how to look at it and how to retry', () => {
    const text = summarize(scriptedRun(paths, Date.UTC(2025, 0, 15, 12, 1, 0)));
    expectInOrder(text, [
      `run ${RUN_ID} failed in 52.4s: 2 succeeded, 1 reused, 1 failed, 1 blocked`,
      'task         status     attempts  time   tokens in/out  cost',
      'schema       reused     -         -',
      'from run r-20250114-0900',
      'auth-tests   succeeded  1         34.1s  12.3k/4.1k     $0.12',
      'api-client   failed     2         38.6s',
      'gate-failed: gate "test" failed (exit 1)',
      'e2e          blocked    -         -',
      'auth-impl    succeeded  2         10.4s  40.0k/9.0k     $0.55',
      'integration  succeeded  -         4.1s',
      'total                             52.4s                 $0.67',
      `result: branch ${BRANCH} at f00dfee`,
      `git log --oneline a1b2c3d..${BRANCH}`,
      `git diff a1b2c3d...${BRANCH}`,
      'failed: api-client',
      'orchestra logs api-client',
      `${paths.sandboxRoot}/${RUN_ID}/api-client (kept for inspection)`,
      'orchestra rerun api-client',
      'orchestra rerun --failed',
    ]);
  });

  it('names the flaky gates beside their tasks and in its last line', () => {
    const events = variant('run-finished', [], (f) => ({
      ...f,
      flaky: [
        { task: 'auth-impl', attempt: 2, gate: 'test', runs: 2 },
        { task: null, attempt: 0, gate: 'e2e', runs: 3 },
      ],
    }));
    const text = summarize(events);
    expectInOrder(text, [
      'auth-impl    succeeded',
      'flaky: test (run 2)',
      'integration  succeeded',
      'flaky: e2e (run 3)',
    ]);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'flaky gates: auth-impl: test passed on run 2; integration: e2e passed on run 3 (failed first on the same tree)',
    );
  });

  it('points git at the repository when the user is outside it', () => {
    const text = summarize(scriptedRun(paths, 0), '/home/dev');
    expect(text).toContain(`git -C shop log --oneline a1b2c3d..${BRANCH}`);
    expect(summarize(scriptedRun(paths, 0), '/elsewhere')).toContain(
      `git -C /home/dev/shop diff a1b2c3d...${BRANCH}`,
    );
    expect(summarize(scriptedRun(paths, 0), `${paths.repoRoot}/packages/api`)).toContain(
      `  changes  git diff a1b2c3d`,
    );
  });

  it('says why there is no result branch when integration failed', () => {
    const events = variant(
      'integration-finished',
      [
        {
          type: 'integration-finished',
          time: 1,
          ok: false,
          branch: BRANCH,
          failure: { message: 'merge conflict', tasks: ['auth-impl', 'auth-tests'], files: ['src/auth.ts'] },
        },
      ],
      ({ resultBranch: _b, resultCommit: _c, ...rest }) => rest,
    );
    const text = summarize(events);
    expect(text).toContain('integration  failed');
    expect(text).toContain(
      'no result branch: integration failed: merge conflict (tasks auth-impl, auth-tests; files src/auth.ts)',
    );
    expect(text).not.toContain('git log');
  });

  it('suggests resume after a cancelled run, and leaves out usage columns nobody reported', () => {
    const events = variant('integration-started', [], (finished) => ({
      type: 'run-finished',
      time: finished.time,
      runId: RUN_ID,
      outcome: 'cancelled',
      durationMs: 5000,
      baseCommit: BASE,
      tasks: [
        { task: 'auth-tests', status: 'succeeded', attempts: 1, durationMs: 3000 },
        { task: 'auth-impl', status: 'cancelled', attempts: 1, durationMs: 2000 },
      ],
    }));
    const text = summarize(events);
    expectInOrder(text, [
      `run ${RUN_ID} cancelled in 5.0s: 1 succeeded, 1 cancelled`,
      'no result branch',
      'orchestra resume',
    ]);
    expect(text).not.toContain('tokens');
    expect(text).not.toContain('orchestra rerun');
  });

  it('gives only hints that work: no log for a task that never ran, resume after a failed integration', () => {
    const conflict = variant('integration-started', [], (finished) => ({
      ...finished,
      outcome: 'failed',
      tasks: [
        {
          task: 'join',
          status: 'failed',
          attempts: 0,
          durationMs: 0,
          failure: { reason: 'merge-conflict', message: 'the results of "a" and "b" conflict in x.txt' },
        },
      ],
    }));
    const text = summarize(conflict);
    expect(text).toContain('failed: join');
    expect(text).not.toContain('orchestra logs join');
    expect(text).toContain('orchestra rerun join');

    const gateLog = `${paths.repoRoot}/.orchestra/runs/${RUN_ID}/logs/_integration/test.log`;
    const integration = variant(
      'integration-finished',
      [
        { type: 'gate-finished', time: 1, task: null, gate: 'test', ok: false, durationMs: 5, log: gateLog },
        {
          type: 'integration-finished',
          time: 2,
          ok: false,
          branch: BRANCH,
          failure: { message: 'integration gate "test" failed (exit 1)' },
        },
      ],
      ({ resultBranch: _b, resultCommit: _c, ...rest }) => ({
        ...rest,
        tasks: rest.tasks.filter((t) => t.status === 'succeeded'),
      }),
    );
    expectInOrder(summarize(integration), [
      'failed: integration',
      `log      .orchestra/runs/${RUN_ID}/logs/_integration/test.log`,
      'retry    orchestra resume',
    ]);
  });
});

import { figures } from 'listr2';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { createReporter } from '../../src/reporters/reporter.js';
import { Capture, expectInOrder, plain, waitFor } from './capture.js';
import { BRANCH, scriptedRun } from './scripted-run.js';

const paths = { repoRoot: '/home/dev/shop', sandboxRoot: '/home/dev/.cache/orchestra/sandboxes' };
const opts = { color: false, cwd: paths.repoRoot, repoRoot: paths.repoRoot };

/** What the terminal shows now: the text after the renderer last moved the cursor back to redraw. */
function screen(out: Capture): string {
  const redraw = '\u001b[G';
  return plain(out.text.slice(out.text.lastIndexOf(redraw) + redraw.length));
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

function upTo(events: EngineEvent[], predicate: (e: EngineEvent) => boolean): EngineEvent[] {
  return events.slice(0, events.findIndex(predicate) + 1);
}

describe('tty reporter', () => {
  it('marks a gate that failed and then passed on a rerun as flaky in the final tree', async () => {
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    for (const event of scriptedRun(paths, Date.now()))
      reporter.onEvent(
        event.type === 'gate-finished' && event.task === 'auth-tests'
          ? { ...event, flaky: true, runs: 2 }
          : event,
      );
    await reporter.close();
    expect(screen(out)).toContain(`${figures.tick} auth-tests   succeeded in 34.1s · lint ⚠ flaky`);
  });

  it('across repositories, the integration row names every result branch, not only the first', async () => {
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    for (const event of scriptedRun(paths, Date.now())) {
      reporter.onEvent(event);
      if (event.type === 'integration-finished') {
        const lib = { ...event, repo: 'lib', commit: 'abc1234def' };
        reporter.onEvent({ ...lib, type: 'integration-started', tasks: ['lib-change'] });
        reporter.onEvent({ ...lib, ok: false, failure: { message: 'gate "lib-test" failed (exit 1)' } });
      }
    }
    await reporter.close();
    expectInOrder(screen(out), [
      `${figures.cross} integration  self: ${BRANCH} at f00dfee, lib: failed`,
      'lib: gate "lib-test" failed (exit 1)',
    ]);
  });

  it('draws a row per task that follows the run, then leaves the final tree and the summary', async () => {
    const timersBefore = timers();
    const sigintBefore = process.listenerCount('SIGINT');
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    const events = scriptedRun(paths, Date.now());

    const untilWaiting = upTo(events, (e) => e.type === 'task-waiting');
    for (const event of untilWaiting) reporter.onEvent(event);
    await waitFor(
      () => /auth-tests\s+waiting \(rate limited\) \d+s/.test(screen(out)),
      'the rate-limit countdown',
    );
    const live = screen(out);
    expect(live).toMatch(/api-client\s+agent · \d+s/);
    // Tasks the engine has not started are drawn as waiting, not with a spinner.
    expect(live).toContain(`${figures.squareSmallFilled} auth-impl    pending`);
    expect(live).toContain(`${figures.arrowDown} schema       reused from run r-20250114-0900`);
    expect(timers()).toBeGreaterThan(timersBefore);
    // Ctrl-C belongs to the CLI: listr2's own handler would exit with 127 in the middle of a run.
    expect(process.listenerCount('SIGINT')).toBe(sigintBefore);

    // A chatty agent: a thousand lines at once are drawn as the first and the last, not one by one.
    for (let i = 1; i <= 1000; i++) {
      reporter.onEvent({
        type: 'task-output',
        time: Date.now(),
        task: 'api-client',
        line: `output line ${i} of 1000`,
      });
    }
    await waitFor(() => screen(out).includes('output line 1000 of 1000'), 'the last line of output');
    expect(out.text).not.toContain('output line 500 of 1000');

    for (const event of events.slice(untilWaiting.length)) reporter.onEvent(event);
    await reporter.close();

    expectInOrder(screen(out), [
      `${figures.arrowDown} schema       reused from run r-20250114-0900`,
      `${figures.tick} auth-tests   succeeded in 34.1s · lint ✔`,
      `${figures.cross} api-client   failed after 2 attempts · 38.6s · test ✖`,
      'gate-failed: gate "test" failed (exit 1)',
      'last output: FAIL test/client.test.ts > retries on 503',
      `${figures.arrowDown} e2e          blocked`,
      `${figures.tick} auth-impl    succeeded in 10.4s (2 attempts) · lint ✔ test ✔`,
      `${figures.tick} integration  ${BRANCH} at f00dfee · test ✔`,
      `result: branch ${BRANCH} at f00dfee`,
      `git diff a1b2c3d...${BRANCH}`,
      'orchestra rerun api-client',
    ]);
    // Nothing is left rendering: no timer, and the stream is the reporter's no longer.
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    const length = out.text.length;
    out.write('after');
    expect(out.text.slice(length)).toBe('after');
  });

  it('stops rendering when closed in the middle of a run', async () => {
    const timersBefore = timers();
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    const events = scriptedRun(paths, Date.now());
    for (const event of upTo(events, (e) => e.type === 'task-finished' && e.task === 'auth-tests')) {
      reporter.onEvent(event);
    }
    await waitFor(() => screen(out).includes('auth-tests   succeeded'), 'the first finished task');

    await reporter.close();

    const final = screen(out);
    expectInOrder(final, [
      `${figures.tick} auth-tests   succeeded`,
      `${figures.cross} api-client   stopped`,
      `${figures.arrowDown} e2e          not run`,
      `${figures.arrowDown} integration  not run`,
    ]);
    expect(final).not.toContain('result:');
    expect(timers()).toBeLessThanOrEqual(timersBefore);
  });

  it("says why a task is retrying while the retry runs, instead of the last attempt's output", async () => {
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    const events = scriptedRun(paths, Date.now());
    for (const event of upTo(events, (e) => e.type === 'task-started' && e.attempt === 2)) {
      reporter.onEvent(event);
    }
    const reason = 'gate "test" failed (exit 1)';
    await waitFor(() => screen(out).includes(`retrying: ${reason}`), 'the reason under the row');
    const live = screen(out);
    expect(live).toMatch(/api-client\s+starting · attempt 2 \(retry: gate "test" failed \(exit 1\)\)/);
    expect(live).not.toContain('error TS2345');
    await reporter.close();
  });

  it('prints the warnings above the tree and shows the tasks a rerun keeps as done', async () => {
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    const [started] = scriptedRun(paths, Date.now());
    if (started?.type !== 'run-started') throw new Error('the script starts with run-started');
    reporter.onEvent({
      ...started,
      reused: [],
      finishedEarlier: [{ task: 'schema', status: 'succeeded' }],
      warnings: ['1 uncommitted change (a.txt) is not in the sandboxes: they start from HEAD at a1b2c3d4e5'],
    });
    await waitFor(
      () => screen(out).includes('schema       succeeded earlier, not run again'),
      'the kept task',
    );
    await reporter.close();
    expect(plain(out.text).indexOf('warning: 1 uncommitted change (a.txt)')).toBe(0);
  });
});

describe('tty reporter: parts of a task', () => {
  it("shows a resolver's or judge's phases and output on its task's row, which has no row of its own", async () => {
    const out = new Capture({ tty: true });
    const reporter = createReporter('tty', out, opts);
    const events = scriptedRun(paths, Date.now());
    for (const event of upTo(events, (e) => e.type === 'task-started')) reporter.onEvent(event);
    const time = Date.now();
    reporter.onEvent({ type: 'task-phase', time, task: 'e2e/resolve', phase: 'agent' });
    reporter.onEvent({ type: 'task-output', time, task: 'e2e/resolve', line: 'merging both sides' });
    await waitFor(() => /e2e\s+resolve: agent/.test(screen(out)), "the resolver's phase");
    expect(screen(out)).toContain('merging both sides');
    expect(screen(out)).not.toContain('e2e/resolve');
    await reporter.close();
  });
});

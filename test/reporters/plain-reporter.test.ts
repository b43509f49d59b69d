import { describe, expect, it } from 'vitest';
import { createReporter } from '../../src/reporters/reporter.js';
import { Capture, expectInOrder } from './capture.js';
import { BRANCH, RUN_ID, scriptedRun } from './scripted-run.js';

const paths = { repoRoot: '/home/dev/shop', sandboxRoot: '/home/dev/.cache/orchestra/sandboxes' };

async function render(color: boolean): Promise<string> {
  const out = new Capture();
  const reporter = createReporter('plain', out, { color, cwd: paths.repoRoot, repoRoot: paths.repoRoot });
  for (const event of scriptedRun(paths, Date.UTC(2025, 0, 15, 12, 1, 0))) reporter.onEvent(event);
  await reporter.close();
  return out.text;
}

describe('plain reporter', () => {
  it('logs one timestamped line per step of each task, in the order they happened', async () => {
    const text = await render(false);
    const sandbox = `${paths.sandboxRoot}/${RUN_ID}`;
    expectInOrder(text, [
      `run ${RUN_ID} started: 4 of 5 tasks to run (1 reused), concurrency 3, base a1b2c3d (.orchestra/runs/${RUN_ID})`,
      'schema       reused from run r-20250114-0900',
      `auth-tests   started (attempt 1) in ${sandbox}/auth-tests`,
      `api-client   started (attempt 1) in ${sandbox}/api-client`,
      'auth-tests   setup: npm ci',
      'auth-tests   waiting 30s (rate limited)',
      'auth-tests   gate lint passed 1.2s',
      'auth-tests   succeeded in 34.1s\n',
      'api-client   gate test failed 2.0s',
      'api-client   retrying (attempt 2): gate "test" failed (exit 1)',
      `api-client   started (attempt 2) in ${sandbox}/api-client`,
      'api-client   failed: gate-failed: gate "test" failed (exit 1)',
      'api-client   last output: FAIL test/client.test.ts > retries on 503',
      'e2e          blocked (needs api-client)',
      'auth-impl    gate test failed 3.0s',
      'auth-impl    retrying (attempt 2)',
      'auth-impl    gate test passed 3.0s',
      'auth-impl    succeeded in 10.4s (2 attempts)',
      `integration  merging auth-impl into ${BRANCH}`,
      'integration  gate test passed 4.0s',
      `integration  succeeded: ${BRANCH} at f00dfee`,
      `run ${RUN_ID} failed`,
      `result: branch ${BRANCH} at f00dfee`,
    ]);
  });

  it('prefixes every log line with the time and keeps agent output out of the log', async () => {
    const text = await render(false);
    const [log = ''] = text.split('\n\n');
    for (const line of log.split('\n')) expect(line).toMatch(/^\d\d:\d\d:\d\d \S/);
    expect(text).not.toContain('Reading src/api/client.ts');
    expect(text).not.toContain('Writing test/auth.test.ts');
    expect(text).not.toContain('Implementing login()');
    // Only a failed task's last line is shown, and only the one from its last attempt.
    expect(text).not.toContain('last output: error TS2345');
    expect(text).not.toContain('\u001b');
  });

  it('ends with the summary', async () => {
    const text = await render(false);
    expectInOrder(text, [
      'succeeded in 10.4s (2 attempts)',
      `integration  succeeded: ${BRANCH}`,
      '\n\n',
      `git log --oneline a1b2c3d..${BRANCH}`,
      `git diff a1b2c3d...${BRANCH}`,
      'orchestra logs api-client',
      'orchestra rerun api-client',
      'orchestra rerun --failed',
    ]);
  });

  it('colours only when asked to', async () => {
    const text = await render(true);
    expect(text).toContain('\u001b[31m');
    expect(text).toContain('\u001b[32m');
  });

  it('says which tasks of a rerun will not run, and what the sandboxes will not see', async () => {
    const out = new Capture();
    const reporter = createReporter('plain', out, {
      color: false,
      cwd: paths.repoRoot,
      repoRoot: paths.repoRoot,
    });
    const [started, ...rest] = scriptedRun(paths, Date.UTC(2025, 0, 15, 12, 1, 0));
    if (started?.type !== 'run-started') throw new Error('the script starts with run-started');
    const warning =
      '2 uncommitted changes (a.txt, b.txt) are not in the sandboxes: they start from HEAD at a1b2c3d4e5';
    reporter.onEvent({
      ...started,
      reused: [],
      finishedEarlier: [
        { task: 'schema', status: 'succeeded' },
        { task: 'auth-tests', status: 'succeeded' },
      ],
      warnings: [warning],
    });
    for (const event of rest) reporter.onEvent(event);
    await reporter.close();
    expectInOrder(out.text, [
      `run ${RUN_ID} started: 3 of 5 tasks to run (2 finished earlier)`,
      `warning: ${warning}`,
      'schema       succeeded earlier, not run again',
      'auth-tests   succeeded earlier, not run again',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function fixture(): RunFixture {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  return fx;
}

const envFile = (fx: RunFixture) => join(fx.root, 'notified.env');
/** A notify command that saves the ORCHESTRA_* part of its environment. */
const saveEnv = (fx: RunFixture) => `notify: "env | grep ^ORCHESTRA_ | sort > ${envFile(fx)}"\n`;
const saved = (fx: RunFixture) =>
  Object.fromEntries(
    readFileSync(envFile(fx), 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('notify:', () => {
  it('runs when a run succeeds, with the outcome in its environment', () => {
    const fx = fixture();
    const file = fx.setup(
      `${HEADER}${saveEnv(fx)}tasks:\n  a: { run: "echo a > a.txt" }\n  b: { run: "true", needs: [a] }\n`,
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const env = saved(fx);
    expect(env).toMatchObject({
      ORCHESTRA_RUN_STATUS: 'succeeded',
      ORCHESTRA_RESULT_BRANCH: `orchestra/${env.ORCHESTRA_RUN_ID}`,
      ORCHESTRA_TASKS_TOTAL: '2',
      ORCHESTRA_TASKS_SUCCEEDED: '2',
      ORCHESTRA_TASKS_FAILED: '0',
    });
    expect(env.ORCHESTRA_RESULT_COMMIT).toBe(fx.git('rev-parse', env.ORCHESTRA_RESULT_BRANCH!));
  });

  it('runs when a run fails, and again on rerun', () => {
    const fx = fixture();
    const file = fx.setup(
      `${HEADER}${saveEnv(fx)}tasks:\n  a: { run: "exit 3" }\n  b: { run: "true", needs: [a] }\n`,
    );
    expect(cli(['run', '-f', file], fx.repo, { CI: '1' }).code).toBe(1);
    expect(saved(fx)).toMatchObject({
      ORCHESTRA_RUN_STATUS: 'failed',
      ORCHESTRA_RESULT_BRANCH: '',
      ORCHESTRA_TASKS_FAILED: '1',
      ORCHESTRA_TASKS_BLOCKED: '1',
    });
    const id = saved(fx).ORCHESTRA_RUN_ID;
    expect(cli(['rerun', '--failed'], fx.repo, { CI: '1' }).code).toBe(1);
    expect(saved(fx)).toMatchObject({ ORCHESTRA_RUN_ID: id, ORCHESTRA_RUN_STATUS: 'failed' });
  });

  it('runs when a run is cancelled (Ctrl-C), which still exits 130', async () => {
    const fx = fixture();
    const file = fx.setup(`${HEADER}${saveEnv(fx)}tasks:\n  a: { run: "sleep 30" }\n`);
    const live = new LiveCli(['run', '-f', file], fx.repo);
    await live.waitFor((e) => e.type === 'task-started');
    live.child.kill('SIGINT');
    expect(await live.exited).toBe(130);
    expect(saved(fx)).toMatchObject({ ORCHESTRA_RUN_STATUS: 'cancelled', ORCHESTRA_TASKS_CANCELLED: '1' });
  });

  it('a failing or hanging notify command is a warning, never the exit code', () => {
    const fx = fixture();
    const tasks = 'tasks:\n  a: { run: "true" }\n';
    const failing = fx.setup(`${HEADER}notify: "echo no webhook; exit 7"\n${tasks}`);
    const r = cli(['run', '-f', failing, '--json'], fx.repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: the notify command failed \(exit code 7\): no webhook \(output: .*_notify\.log\)\n$/,
    );
    const hanging = fx.setup(`${HEADER}notify: { run: "sleep 30", timeout: 1s }\n${tasks}`);
    const h = cli(['run', '-f', hanging, '--json'], fx.repo);
    expect(h.code).toBe(0);
    expect(h.stderr).toContain('warning: the notify command timed out after 1s');
  });

  it('is checked by validate', () => {
    const fx = fixture();
    const file = fx.setup(`${HEADER}notify: { command: "x" }\ntasks:\n  a: { run: "true" }\n`);
    const r = cli(['validate', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('notify');
  });
});

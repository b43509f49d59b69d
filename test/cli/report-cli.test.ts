import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-json.js';
import { cli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** One task whose `lint` gate fails on its first run only (its count is kept outside the repository). */
function flakyWorkflow(): string {
  const counter = join(fx.root, 'lint-runs');
  const lint = `n=$(( $(cat ${counter} 2>/dev/null || echo 0) + 1 )); echo $n > ${counter}; [ $n -ge 2 ] || { echo "flaked"; exit 1; }`;
  return fx.setup(
    `${HEADER}gates:\n  lint:\n    run: ${JSON.stringify(lint)}\n    attempts: 2\ntasks:\n  solve: { agent: bot, prompt: x, verify: [lint] }\n`,
    { solve: [{ write: { 'a.txt': 'a\n' } }] },
  );
}

describe('flaky gates and orchestra report on the command line', () => {
  it('the run says flaky in its last line and status; report writes Markdown and versioned JSON', () => {
    fx = new RunFixture();
    const file = flakyWorkflow();
    const run = cli(['run', '-f', file], fx.repo);
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      'flaky gates: solve: lint passed on run 2 (failed first on the same tree)',
    );
    expect(run.stderr).toContain('gate lint flaky (passed on run 2)');

    const status = cli(['status'], fx.repo);
    expect(status.stdout).toMatch(/^solve\s+succeeded\s+1\s.*flaky: lint \(attempt 1, run 2\)$/m);

    const md = cli(['report', '-o', 'report.md'], fx.repo);
    expect(md).toMatchObject({ code: 0, stdout: '' });
    const text = readFileSync(join(fx.repo, 'report.md'), 'utf8');
    expect(text).toMatch(/^# ✅ orchestra run `[^`]+`: succeeded\n/);
    expect(text).toContain('<summary>gate <code>lint</code>: ⚠️ flaky: failed, then passed on run 2');
    expect(cli(['report'], fx.repo).stdout).toBe(text);

    const json = JSON.parse(cli(['report', '--format', 'json'], fx.repo).stdout) as ReportJson;
    expect(json.version).toBe(1);
    expect(json.tasks[0]!.attempts[0]!.gates[0]!.verdict).toBe('flaky');
    expect(json.totals.flakyGates).toBe(1);
  });

  it('bad input is a usage error (exit code 2) without a stack trace', () => {
    fx = new RunFixture();
    cli(['run', '-f', flakyWorkflow()], fx.repo);
    for (const args of [
      ['report', '--run', 'no-such-run'],
      ['report', '--format', 'xml'],
      ['report', '-o', join(fx.root, 'missing', 'report.md')],
    ]) {
      const r = cli(args, fx.repo);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli(['report', '-o', join(fx.root, 'missing', 'report.md')], fx.repo).stderr).toContain(
      'cannot write the report to',
    );
    expect(existsSync(join(fx.root, 'missing'))).toBe(false);
  });
});

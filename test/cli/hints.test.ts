import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** Every `orchestra …` command a text tells the user to type, as argv. */
function hints(text: string): string[][] {
  const found = text.match(
    /\borchestra (?:logs|rerun|resume|status|runs|clean|run)\b[^\n]*?(?= {2}|\)|"|$)/gm,
  );
  return [...new Set(found ?? [])].map((h) => h.trim().split(/\s+/).slice(1));
}

/** Pastes each hint: none may be a usage error, or answer that there is nothing to show. */
function pasteAll(commands: string[][]): void {
  // Those that only read first: a rerun changes what the others are about.
  const readsOnly = (argv: string[]) => argv[0] === 'logs' || argv[0] === 'status';
  const ordered = [...commands.filter(readsOnly), ...commands.filter((c) => !readsOnly(c))];
  for (const argv of ordered) {
    const r = cli(argv, fx.repo, { CI: '1' });
    expect(r.code, `orchestra ${argv.join(' ')}: ${r.stderr}`).not.toBe(2);
    expect(r.stderr, `orchestra ${argv.join(' ')}`).not.toMatch(/has no log|error/);
  }
}

const runJson = (runId: string) =>
  JSON.parse(readFileSync(join(fx.repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;

/** A run of the workflow (after the header) that fails, and `status` after it. */
function failingRun(workflow: string): { stderr: string; status: string } {
  fx = new RunFixture();
  const run = cli(['run', '-f', fx.setup(`${HEADER}${workflow}`)], fx.repo, { CI: '1' });
  expect(run.code).toBe(1);
  return { stderr: run.stderr, status: cli(['status'], fx.repo).stdout };
}

describe('every hint orchestra prints works when pasted', () => {
  it('after a merge conflict, a red gate and a failed setup', () => {
    const run = failingRun(`gates:
  red: echo "the gate says no"; exit 1
tasks:
  a: { run: "echo a > x.txt" }
  b: { run: "echo b > x.txt" }
  join: { run: "true", needs: [a, b] }
  gated: { run: "echo work > g.txt", verify: [red] }
  setup: { run: "true", sandbox: { setup: ["echo preparing; exit 3"] } }
`);
    expect(run.stderr).not.toContain('orchestra logs join');
    expect(run.status).toMatch(/^join\s+failed\s+0\s+\S+\s+-\s+merge-conflict/m);
    const commands = [...hints(run.stderr), ...hints(run.status)];
    expect(commands).toContainEqual(['logs', 'gated']);
    expect(commands).toContainEqual(['logs', 'setup']);
    expect(cli(['logs', 'setup'], fx.repo).stdout).toContain('preparing');
    pasteAll(commands);
  });

  it('after a failed integration', () => {
    const run = failingRun(`gates:
  red: echo "integration says no"; exit 1
tasks:
  a: { run: "echo a > a.txt" }
integrate:
  verify: [red]
`);
    const runId = /run (\S+) started/.exec(run.stderr)![1]!;
    const log = `.orchestra/runs/${runId}/logs/_integration/red.log`;
    expect(run.stderr).toContain(`log      ${log}`);
    expect(readFileSync(join(fx.repo, log), 'utf8')).toContain('integration says no');
    expect(run.status).toContain(`log: ${log}`);
    const commands = [...hints(run.stderr), ...hints(run.status)];
    expect(commands).toContainEqual(['resume']);
    pasteAll(commands);
    expect(runJson(runId).history.map((h) => h.command)).toContain('resume');
  });
});

import { afterEach, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { cli } from '../support/cli.js';
import { GitLog, type GitCall } from '../support/git-log.js';
import { RunFixture } from '../support/run-fixture.js';

// The git processes a run starts, counted exactly with a logging `git` first on PATH: starting one
// costs the main thread a synchronous fork, so these numbers are the run's fixed costs.

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** `fanOut` independent `run:` tasks and a chain of two, all in `none` sandboxes. */
function noneWorkflow(fanOut: number): string {
  const tasks = Array.from({ length: fanOut }, (_, i) => `  f${i}: { run: "true" }\n`).join('');
  return `version: 1\nconcurrency: 2\nsandbox: { type: none }\ntasks:\n${tasks}  c1: { run: "true" }\n  c2: { run: "true", needs: [c1] }\n`;
}

function runLogged(yaml: string): { calls: GitCall[]; events: EngineEvent[] } {
  const file = fx.setup(yaml);
  const log = new GitLog(fx.root);
  log.reset();
  const r = cli(['run', '-f', file, '--json'], fx.repo, log.env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const events = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);
  return { calls: log.calls(), events };
}

const line = (c: GitCall) => [c.command, ...c.args].join(' ');

it('makes the branches of none sandboxes in one git process, however many tasks there are', () => {
  fx = new RunFixture();
  const base = fx.git('rev-parse', 'HEAD');
  const small = runLogged(noneWorkflow(1));
  const big = runLogged(noneWorkflow(8));

  // No git process a task: the same calls for 3 tasks and for 10, one `update-ref --stdin` for the branches
  // (those once the tasks are done in any order: some run at the same time).
  const shape = (calls: GitCall[]) => calls.map((c) => (c.command === 'update-ref' ? line(c) : c.command));
  const sorted = (calls: GitCall[]) => {
    const all = shape(calls).map((c) => c.replace(/orchestra\/\S+/, 'orchestra/<run>'));
    return [...all.slice(0, 2).sort(), ...all.slice(2).sort()];
  };
  expect(sorted(big.calls)).toEqual(sorted(small.calls));
  const calls = shape(big.calls).map((c) => c.replace(/orchestra\/\S+ \S+ /, 'orchestra/<run> <sha> '));
  // Both at once, from one shell (see head-probe.ts), while the workflow loads.
  expect(calls.slice(0, 2).sort()).toEqual([
    'rev-parse', // the repository and HEAD
    'status', // uncommitted changes to warn about
  ]);
  // Once the tasks are done, some of them at the same time.
  expect(calls.slice(2).sort()).toEqual(
    [
      'update-ref --stdin', // the none tasks' branches, made while the result is
      'rev-parse', // does the result branch exist? (asked while the integration is recorded)
      'update-ref refs/heads/orchestra/<run> <sha> ', // the result branch, made only if it did not
      'rev-parse', // the landing hint: HEAD's branch and commit, asked while the result is made
      'remote',
      // No `merge-base`: HEAD is the result (the tasks changed nothing), so it is landed.
    ].sort(),
  );
  // The result branch is made after its check.
  const lines = big.calls.map(line);
  expect(lines.findIndex((l) => /^update-ref refs\/heads\/orchestra\//.test(l))).toBeGreaterThan(
    lines.findIndex((l) => /^rev-parse .*refs\/heads\/orchestra\//.test(l)),
  );

  // The promise kept: every task's branch is there after the run, at its result (the base).
  const started = big.events.find((e) => e.type === 'run-started')!;
  const runId = started.type === 'run-started' ? started.runId : '';
  const branches = fx.git(
    'for-each-ref',
    '--format=%(refname:short) %(objectname)',
    `refs/heads/orchestra/tasks/${runId}/`,
  );
  const ids = [...Array.from({ length: 8 }, (_, i) => `f${i}`), 'c1', 'c2'].sort();
  expect(branches.split('\n').sort()).toEqual(ids.map((id) => `orchestra/tasks/${runId}/${id} ${base}`));
});

it('asks git two questions before its first task, both started before the workflow loads', () => {
  fx = new RunFixture();
  // Unjailed: a jailed task could not write the log outside its sandbox.
  // The task logs itself where git's processes are logged.
  const { calls } = runLogged(
    'version: 1\nsandbox: { type: none, isolation: none }\ntasks:\n  t: { run: "echo task >> \\"$ORCHESTRA_TEST_GIT_LOG\\"" }\n',
  );
  const first = calls.findIndex((c) => c.command === 'task');
  // At once, from one shell: in either order.
  expect(calls.slice(0, first).map(line).sort()).toEqual([
    'rev-parse --show-toplevel --verify --quiet --end-of-options HEAD^{commit}',
    'status --porcelain=v1 -z',
  ]);
});

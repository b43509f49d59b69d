import { afterEach, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { cli, LiveCli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const WORKFLOW = `version: 1
sandbox: { type: none }
tasks:
  quick: { run: "true" }
  slow: { run: "SLOW" }
`;

it('makes the branches of none tasks that a run killed with SIGKILL had finished when it is resumed', async () => {
  fx = new RunFixture();
  const base = fx.git('rev-parse', 'HEAD');
  const file = fx.setup(WORKFLOW.replace('SLOW', 'sleep 30'));
  const run = new LiveCli(['run', '-f', file], fx.repo);
  await run.waitFor((e) => e.type === 'task-finished' && e.task === 'quick');
  await run.waitFor((e) => e.type === 'task-started' && e.task === 'slow');
  run.child.kill('SIGKILL');
  await run.exited;
  const started = run.events[0] as Extract<EngineEvent, { type: 'run-started' }>;
  const branch = (task: string) => `orchestra/tasks/${started.runId}/${task}`;
  // Made when the tasks are done, which this run never saw.
  expect(fx.git('branch', '--list', branch('quick'))).toBe('');

  fx.setup(WORKFLOW.replace('SLOW', 'true'));
  const resumed = cli(['resume', '-f', file], fx.repo);
  expect(resumed.code).toBe(0);

  expect(fx.git('rev-parse', branch('quick'))).toBe(base);
  expect(fx.git('rev-parse', branch('slow'))).toBe(base);
});

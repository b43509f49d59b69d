import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { rerunWorkflow } from '../../src/engine/continue-run.js';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

type Of<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;
const WORKFLOW = `${HEADER}tasks:
  a: { agent: bot, prompt: x }
  b: { agent: bot, prompt: y, needs: [a] }
  c: { run: "echo c > c.txt" }
`;

async function rerun(file: string, tasks: string[]): Promise<EngineEvent[]> {
  const loaded = await loadWorkflow(file);
  if (!loaded.ok) throw new Error('workflow');
  const events: EngineEvent[] = [];
  const r = await rerunWorkflow(loaded.value, {
    cwd: fx.repo,
    command: 'rerun',
    tasks,
    onEvent: (e) => events.push(e),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return events;
}

describe('what a run says when it starts and ends', () => {
  it('warns about uncommitted changes the sandboxes will not see, and a base that moved before a rerun', async () => {
    fx = new RunFixture();
    const base = fx.git('rev-parse', 'HEAD');
    fx.writeFiles({ 'README.md': 'edited\n', 'notes.txt': 'mine\n' });
    const { result, events } = await fx.run(WORKFLOW);
    const started = events[0] as Of<'run-started'>;
    expect(started.warnings).toEqual([
      `2 uncommitted changes (README.md, notes.txt) are not in the sandboxes: they start from HEAD at ${base.slice(0, 10)}`,
    ]);

    fx.git('commit', '-qam', 'edit');
    fx.git('add', 'notes.txt');
    fx.git('commit', '-qm', 'notes');
    const head = fx.git('rev-parse', 'HEAD');
    const again = await rerun(fx.setup(WORKFLOW), ['b']);
    const restarted = again[0] as Of<'run-started'>;
    expect(restarted.warnings).toEqual([
      `HEAD moved since the run started (now ${head.slice(0, 10)}): this run goes on from its recorded base ${base.slice(0, 10)}; start a new run to build on the current code`,
    ]);
    expect(result.outcome).toBe('succeeded');
  });

  it('a rerun says which tasks keep their earlier result, and times only itself', async () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW);
    const first = await fx.run(WORKFLOW);
    const phases = (task: string) =>
      first.events.flatMap((e) => (e.type === 'task-phase' && e.task === task ? [e.phase] : []));
    expect(phases('c')).toContain('command');
    expect(phases('c')).not.toContain('agent');
    expect(phases('a')).toContain('agent');
    const rerunStart = Date.now();
    const events = await rerun(file, ['b']);
    const end = Date.now();
    const started = events[0] as Of<'run-started'>;
    expect(started.tasks).toEqual(['a', 'b', 'c']);
    expect(started.finishedEarlier).toEqual([
      { task: 'a', status: 'succeeded' },
      { task: 'c', status: 'succeeded' },
    ]);
    const finished = events.at(-1) as Of<'run-finished'>;
    // Not since the run first started: the time between the two is nobody's.
    expect(finished.durationMs).toBeLessThanOrEqual(end - rerunStart);
    expect(first.result.record.startedAt).toBeLessThan(rerunStart);
  });

  it('a success is on disk with its end time when it is reported (a kill -9 then loses nothing)', async () => {
    fx = new RunFixture();
    const onDisk: RunRecord[] = [];
    const file = fx.setup(`${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n`);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error('workflow');
    const { runWorkflow } = await import('../../src/engine/run-workflow.js');
    let runDir = '';
    await runWorkflow(loaded.value, {
      cwd: fx.repo,
      onEvent: (e) => {
        if (e.type === 'run-started') runDir = e.runDir;
        if (e.type === 'task-finished')
          onDisk.push(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunRecord);
      },
    });
    const a = onDisk[0]!.tasks.a!;
    expect(a.status).toBe('succeeded');
    expect(a.finishedAt).toBeGreaterThanOrEqual(a.startedAt!);
  });
});

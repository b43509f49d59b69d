import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { durationWeight, recordedDurations } from '../../src/engine/durations.js';
import type { RunRecord, TaskRecord } from '../../src/state/run-state.js';
import { RunStore } from '../../src/state/run-store.js';
import { runRecord } from '../support/run-record.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'orchestra-test-'));
  await mkdir(join(root, '.git'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A task that waited `waitMs` for a slot (prepared), then ran attempts taking `ms` in all. */
function ran(ms: number, waitMs = 0, status: TaskRecord['status'] = 'succeeded'): TaskRecord {
  const startedAt = 1_000;
  return {
    status,
    branch: 'b',
    startedAt,
    finishedAt: startedAt + waitMs + ms,
    attempts: [{ n: 1, startedAt: startedAt + waitMs, log: 'l', gates: [] }],
  };
}

async function run(id: string, tasks: Record<string, TaskRecord>): Promise<RunRecord> {
  const record = runRecord(root, id, tasks);
  await new RunStore(root, id).create(record, {});
  return record;
}

it('takes each task from the latest run where it succeeded, from its first attempt on', async () => {
  await run('20260101-000000-aaaa', { a: ran(100), b: ran(200), c: ran(300) });
  await run('20260102-000000-bbbb', { a: ran(150, 5000), b: ran(999, 0, 'failed') });
  const current = await run('20260103-000000-cccc', {
    a: { status: 'pending', branch: 'b', attempts: [] },
    b: { status: 'pending', branch: 'b', attempts: [] },
    c: ran(400),
    d: { status: 'pending', branch: 'b', attempts: [] },
  });

  const durations = await recordedDurations(current, ['a', 'b', 'c', 'd']);

  // c from the run itself (a rerun), a from the latest run without its wait for a slot, b from
  // the run where it succeeded, d never ran.
  expect(Object.fromEntries(durations)).toEqual({ a: 150, b: 200, c: 400 });
});

it('weighs unknown tasks by the median of the known ones, and all alike without any', () => {
  const weight = durationWeight(
    new Map([
      ['a', 100],
      ['b', 300],
      ['c', 200],
    ]),
  );
  expect(['a', 'b', 'c', 'new'].map(weight)).toEqual([100, 300, 200, 200]);
  expect(['a', 'b'].map(durationWeight(new Map()))).toEqual([1, 1]);
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RunJournal } from '../../src/state/run-journal.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { RunStore } from '../../src/state/run-store.js';
import { runRecord } from '../support/run-record.js';

let root: string;
let store: RunStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'orchestra-test-'));
  await mkdir(join(root, '.git'));
  store = new RunStore(root, 'run-1');
});
afterEach(() => rm(root, { recursive: true, force: true }));

function record(tasks: string[]): RunRecord {
  return runRecord(
    root,
    'run-1',
    Object.fromEntries(tasks.map((t) => [t, { status: 'pending', branch: `b/${t}`, attempts: [] }])),
  );
}

const onDisk = (): RunRecord => JSON.parse(readFileSync(store.paths.state, 'utf8')) as RunRecord;

it('resolves each update only once run.json holds it, also when updates share a write', async () => {
  const tasks = Array.from({ length: 20 }, (_, i) => `t${i}`);
  await store.create(record(tasks), {});
  const journal = new RunJournal(store, record(tasks));
  const seen: boolean[] = [];

  // Issued as parallel tasks do: in bursts that ride along with another's write, and while writes
  // are under way (each turn of the event loop lets the file system move on).
  const updates: Promise<void>[] = [];
  for (const [i, t] of tasks.entries()) {
    updates.push(
      journal
        .updateTask(t, (task) => {
          task.status = 'running';
          task.startedAt = i + 1;
        })
        .then(() => void seen.push(onDisk().tasks[t]!.startedAt === i + 1)),
    );
    if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(updates);

  expect(seen).toEqual(tasks.map(() => true));
  expect(onDisk()).toEqual(journal.record);
  // Nothing half-written is left beside it.
  expect(readdirSync(store.paths.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

it('writes a noted change with the next update, not before', async () => {
  await store.create(record(['a', 'b']), {});
  const journal = new RunJournal(store, record(['a', 'b']));

  journal.noteTask('a', (t) => (t.finishedAt = 42));
  expect(onDisk().tasks.a!.finishedAt).toBeUndefined();
  await journal.updateTask('b', (t) => (t.status = 'succeeded'));

  expect(onDisk().tasks.a!.finishedAt).toBe(42);
  expect(onDisk().tasks.b!.status).toBe('succeeded');
});

it('rejects the updates of a failed write, and the next write catches the record up', async () => {
  await store.create(record(['a', 'b']), {});
  const journal = new RunJournal(store, record(['a', 'b']));
  await rm(store.paths.dir, { recursive: true });

  await expect(journal.updateTask('a', (t) => (t.status = 'running'))).rejects.toThrow(/ENOENT/);
  await mkdir(store.paths.dir, { recursive: true });
  await journal.updateTask('b', (t) => (t.status = 'succeeded'));
  expect(onDisk().tasks.a!.status).toBe('running');
  expect(onDisk().tasks.b!.status).toBe('succeeded');
});

it('writes nothing for an update that leaves the record as run.json holds it', async () => {
  const created = record(['a']);
  await store.create(created, {});
  const journal = new RunJournal(store, created);
  const file = () => statSync(store.paths.state).ino;
  const before = file();

  // As a new run's start does: what it sets, the new record holds already.
  await journal.update((r) => {
    delete r.outcome;
    r.integration = { status: 'pending', branch: '', tasks: [], gates: [] };
  });
  expect(file()).toBe(before);

  await journal.updateTask('a', (t) => (t.status = 'running'));
  expect(file()).not.toBe(before);
  expect(onDisk().tasks.a!.status).toBe('running');
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RunStore } from '../../src/state/run-store.js';
import { runRecord } from '../support/run-record.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'orchestra-test-'));
  await mkdir(join(root, '.git'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function run(id: string, startedAt: number): Promise<RunStore> {
  const store = new RunStore(root, id);
  await store.create({ ...runRecord(root, id, {}), startedAt }, {});
  return store;
}

const at = (iso: string) => Date.parse(iso);

it('lists runs newest first: by the second in their ids, by their records within one second', async () => {
  await run('20261202-101006-ffff', at('2026-12-02T10:10:06.100Z'));
  // Same second, started later, though its id sorts first.
  await run('20261202-101006-0000', at('2026-12-02T10:10:06.900Z'));
  await run('20261202-101010-aaaa', at('2026-12-02T10:10:10.000Z'));
  // An id of another form is placed by its record.
  await run('nightly', at('2026-12-02T10:10:08.000Z'));
  const lone = await run('20261202-090000-bbbb', at('2026-12-02T09:00:00.000Z'));
  // The only run of its second is placed by its id: its record is not read (here, not readable).
  await writeFile(lone.paths.state, 'not json');

  expect(await RunStore.list(root)).toEqual([
    '20261202-101010-aaaa',
    'nightly',
    '20261202-101006-0000',
    '20261202-101006-ffff',
    '20261202-090000-bbbb',
  ]);
});

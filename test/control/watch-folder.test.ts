import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { watchFolder } from '../../src/control/watch-folder.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const until = async (done: () => boolean) => {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

it('checks on a change of the one file it watches for, not on changes of the others', async () => {
  dir = mkdtempSync(join(tmpdir(), 'orchestra-watch-'));
  const checks: number[] = [];
  const began = Date.now();
  const watcher = watchFolder(
    dir,
    () => {
      checks.push(Date.now() - began);
      return Promise.resolve();
    },
    { only: 'cancel.json' },
  );
  try {
    await until(() => checks.length === 1); // the first check, at once
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `run.json.${i}`), 'x');
    await new Promise((r) => setTimeout(r, 200));
    // Before the first poll (1 s), only a change of the watched file makes another check.
    if (Date.now() - began < 900) expect(checks).toHaveLength(1);
    writeFileSync(join(dir, 'cancel.json'), '{}');
    await until(() => checks.length >= 2);
  } finally {
    watcher.stop();
  }
});
